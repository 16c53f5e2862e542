using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Cli.Compare;

/// <summary>
/// One entry of <c>--decoders</c> (<c>qecd compare</c>, <c>qecd bench decoders</c>): a registered
/// decoder and its options.
/// <code>
/// DECODERS := DECODER (',' DECODER)*
/// DECODER  := NAME (':' KEY '=' VALUE)*       e.g. mwpm,bposd:osd_order=0,relaybp:device=cuda
/// </code>
/// Values may hold neither ',' nor ':'. <see cref="Label"/> names the decoder in the CSV's decoder
/// column and in the strong id: the name, then the options sorted by key, except <c>device</c>, which
/// says where a decoder runs, never what it predicts (a GPU batch path gives the plain path's answers),
/// so a task run on a CPU and on a GPU has one strong id, the same batch seeds, and rows that add up
/// and resume each other. <see cref="Text"/> keeps every option (timings depend on the device).
/// </summary>
public sealed class DecoderSpec
{
    /// <summary>The option that places a decoder on a device; left out of <see cref="Label"/>.</summary>
    public const string DeviceKey = "device";

    private DecoderSpec(IDecoderFactory factory, DecoderOptions options)
    {
        Factory = factory;
        Options = options;
        Label = Describe(factory.Name, options.Values.Where(kv => kv.Key != DeviceKey));
        Text = Describe(factory.Name, options.Values);
    }

    /// <summary>The decoder's factory.</summary>
    public IDecoderFactory Factory { get; }

    /// <summary>The options, device included.</summary>
    public DecoderOptions Options { get; }

    /// <summary>Name and the options that determine predictions, e.g. <c>bposd:osd_order=0</c>; the bare name without them.</summary>
    public string Label { get; }

    /// <summary>Name and every option, e.g. <c>bposd:device=cuda:osd_order=0</c>.</summary>
    public string Text { get; }

    /// <summary>
    /// The decoders of a comma-separated list, each once (by <see cref="Text"/>); an unknown name lists
    /// the known ones, a malformed option names its entry.
    /// </summary>
    public static List<DecoderSpec> ParseList(DecoderRegistry registry, string list)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(list);
        var specs = new List<DecoderSpec>();
        foreach (string entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var spec = Parse(registry, entry);
            if (!specs.Exists(s => s.Text == spec.Text))
            {
                specs.Add(spec);
            }
        }
        return specs.Count > 0 ? specs : throw new ArgumentException($"--decoders '{list}': no decoder named");
    }

    /// <summary>One entry, <c>NAME(:KEY=VALUE)*</c>.</summary>
    public static DecoderSpec Parse(DecoderRegistry registry, string entry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(entry);
        var options = DecoderOptions.ParseSpec(entry, out string name, $"--decoders entry '{entry}'");
        return new DecoderSpec(registry.Get(name), options);
    }

    /// <summary>Compiles the decoder for <paramref name="model"/> with these options.</summary>
    public ICompiledDecoder Compile(DetectorErrorModel model) => Factory.Compile(model, Options);

    private static string Describe(string name, IEnumerable<KeyValuePair<string, string>> options) =>
        string.Concat(options.Select(kv => ":" + kv.Key + "=" + kv.Value).Prepend(name));
}
