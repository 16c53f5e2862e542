using Qec.Core.Decoding;

namespace Qec.TensorNetwork.Tests;

public class ProjectTests
{
    [Fact]
    public void Registering_adds_nothing_twice()
    {
        var registry = TensorNetworkDecoders.Register(new DecoderRegistry());
        Assert.Equal(registry.Names, TensorNetworkDecoders.Register(new DecoderRegistry()).Names);
    }
}
