namespace Qec.Generative.Models;

/// <summary>
/// Scratch memory of one model for one thread: activations, logits and back-propagation buffers, allocated once
/// by <see cref="IAutoregressiveModel{T}.CreateWorkspace"/> so that inference allocates nothing per sample.
/// Not thread-safe: use one per thread. A workspace only works with the model instance that created it.
/// </summary>
public abstract class ModelWorkspace
{
    /// <summary>The model that created this workspace.</summary>
    internal abstract object Owner { get; }
}
