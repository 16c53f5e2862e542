using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Qec.Circuits.Model;
using Qec.Circuits.Parsing;

namespace Qec.Server.Sessions;

/// <summary>
/// Circuits analyzed for sessions (<c>circuit_text</c>), keyed by the SHA-256 of the text, so a client
/// that opens many sessions on one circuit pays for its analysis once; the compiled decoder is then
/// shared through <see cref="CompiledDecoderCache"/> by the model's hash, exactly as for DEM text.
/// Bounded: at <see cref="Capacity"/> entries the cache is emptied before the next insert (analyses
/// are pure, so forgetting one costs only time). Failed analyses are not kept. Thread-safe.
/// </summary>
public sealed class CircuitModelCache
{
    /// <summary>Most analyses held at once.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, ParsedModel> _models = new(StringComparer.Ordinal);

    /// <summary>Analyses held now.</summary>
    public int Count => _models.Count;

    /// <summary>
    /// The decomposed model of <paramref name="circuitText"/> (see <see cref="CircuitModels.ForDecoding"/>).
    /// A circuit that does not parse or analyze is INVALID_ARGUMENT carrying the parser's or analyzer's
    /// message (source "circuit", line, column, instruction).
    /// </summary>
    public ParsedModel Get(string circuitText)
    {
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(circuitText)));
        if (_models.TryGetValue(key, out var cached))
        {
            return cached;
        }
        ParsedModel model;
        try
        {
            var dem = CircuitModels.ForDecoding(Circuit.Parse(circuitText, "circuit"), out string? note);
            model = ParsedModel.Of(dem) with { Note = note };
            _ = dem.Counts;
        }
        catch (CircuitFormatException e)
        {
            throw QecServerException.Invalid(e.Message);
        }
        catch (Qec.Circuits.Analysis.CircuitAnalysisException e)
        {
            throw QecServerException.Invalid(e.Message);
        }
        catch (OverflowException)
        {
            throw QecServerException.Invalid("circuit: the model has more than 2^64 detectors or errors");
        }
        if (_models.Count >= Capacity)
        {
            _models.Clear();
        }
        return _models.GetOrAdd(key, model);
    }
}
