namespace Qec.Server.Sessions;

/// <summary>
/// How a session takes shots sent in parts (proto <c>RoundMode</c>, raw OPEN flag bit 1). Whole
/// shots are answered the same in both modes.
/// </summary>
public enum SessionMode
{
    /// <summary>Parts are ORed into a buffer in any order; the whole shot is decoded at the final part.</summary>
    Assemble = 0,

    /// <summary>Each part is the next round of the model, pushed into a sliding-window streaming decoder.</summary>
    Stream = 1,
}
