using Qec.Circuits.Model;
using Qec.Core.Dem;
using Qec.Server.Sessions;

namespace Qec.Cli;

/// <summary>
/// Turns a command's model arguments (<c>--dem F.dem</c> or <c>--circuit F.stim</c>) into the detector
/// error model it decodes. Every command that accepts a model goes through here.
/// </summary>
public static class ModelArguments
{
    /// <summary>The model of exactly one of <paramref name="dem"/> and <paramref name="circuit"/>; notes (a refused decomposition) go to <paramref name="notes"/>.</summary>
    public static DetectorErrorModel Load(FileInfo? dem, FileInfo? circuit, TextWriter notes)
    {
        if (dem is not null && circuit is not null)
        {
            throw new ArgumentException($"give either --dem or --circuit, not both (--dem {dem.Name}, --circuit {circuit.Name})");
        }
        return dem is not null ? CliConsole.LoadModel(dem)
            : circuit is not null ? FromCircuit(circuit, notes)
            : throw new ArgumentException("no model: give --dem F.dem or --circuit F.stim");
    }

    /// <summary>A model file by extension: <c>.stim</c> is a circuit (analyzed, decomposed), anything else a DEM.</summary>
    public static DetectorErrorModel LoadFile(string path, TextWriter notes) =>
        path.EndsWith(".stim", StringComparison.OrdinalIgnoreCase) ? FromCircuit(new FileInfo(path), notes) : CliConsole.LoadModel(new FileInfo(path));

    /// <summary>Parses and analyzes a circuit once, as <see cref="CircuitModels.ForDecoding"/>.</summary>
    public static DetectorErrorModel FromCircuit(FileInfo circuit, TextWriter notes)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(notes);
        if (!circuit.Exists)
        {
            throw new FileNotFoundException($"no such circuit file: {circuit.FullName}");
        }
        var model = CircuitModels.ForDecoding(Circuit.Load(circuit.FullName), out string? note);
        if (note is not null)
        {
            notes.WriteLine($"qecd: note: {circuit.Name}: {note}");
        }
        return model;
    }
}
