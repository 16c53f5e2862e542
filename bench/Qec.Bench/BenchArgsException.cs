namespace Qec.Bench;

/// <summary>A bad argument of a bench command; Program.cs prints its message (no stack trace) and exits with code 2.</summary>
internal sealed class BenchArgsException(string message) : Exception(message);
