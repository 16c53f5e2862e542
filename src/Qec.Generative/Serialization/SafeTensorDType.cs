namespace Qec.Generative.Serialization;

/// <summary>The element types this reader and writer support, by their safetensors names.</summary>
public enum SafeTensorDType
{
    /// <summary>"F32": IEEE 754 binary32, little-endian.</summary>
    F32,

    /// <summary>"F64": IEEE 754 binary64, little-endian.</summary>
    F64,
}
