namespace Qec.Core.Generators;

/// <summary>The code families of <see cref="CodeGenerators"/>.</summary>
public enum CodeFamily
{
    /// <summary>The rotated surface code: d×d data qubits (<see cref="CodeGenerators.RotatedSurfaceCode"/>).</summary>
    RotatedSurface,

    /// <summary>The bit-flip repetition code: d data qubits on a line (<see cref="CodeGenerators.RepetitionCode"/>).</summary>
    Repetition,

    /// <summary>
    /// The unrotated (planar) surface code: d² + (d − 1)² data qubits (<see cref="CodeGenerators.UnrotatedSurfaceCode"/>).
    /// </summary>
    UnrotatedSurface,
}
