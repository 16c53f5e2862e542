namespace Qec.Core.Formats;

/// <summary>
/// Stim's result formats for shots of bits (detection events, observable flips). Names, bit orders and
/// byte layouts follow Stim's <c>doc/result_formats.md</c>; <see cref="SampleFormats"/> holds the one
/// table of names and descriptions.
/// </summary>
public enum SampleFormat
{
    /// <summary><c>01</c>: one line per shot of '0'/'1' characters, '\n' terminated.</summary>
    Format01,

    /// <summary><c>b8</c>: ceil(bits/8) bytes per shot, bit k in byte k&gt;&gt;3 at bit k&amp;7.</summary>
    B8,

    /// <summary><c>r8</c>: bytes counting the 0s before each 1, with an implicit 1 just past the shot.</summary>
    R8,

    /// <summary><c>dets</c>: "shot D0 D5 L1" lines naming the set detectors (D) and observables (L).</summary>
    Dets,

    /// <summary><c>hits</c>: comma-separated indices of the set bits, one line per shot.</summary>
    Hits,

    /// <summary><c>ptb64</c>: groups of 64 shots; per bit a little-endian uint64 whose bit s is shot s.</summary>
    Ptb64,
}
