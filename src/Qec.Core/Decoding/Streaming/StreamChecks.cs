namespace Qec.Core.Decoding.Streaming;

/// <summary>The order checks every streaming decoder applies, with one wording.</summary>
public static class StreamChecks
{
    /// <summary>Throws unless <paramref name="round"/> is the expected next round of a shot of <paramref name="numRounds"/>.</summary>
    public static void CheckRound(int round, int expected, int numRounds)
    {
        if (expected >= numRounds)
        {
            throw new ArgumentException($"round {round} arrived after the last round ({numRounds - 1}) of the shot; call Finish, then Reset");
        }
        if (round != expected)
        {
            throw new ArgumentException(round < expected
                ? $"round {round} arrived again or out of order: round {expected} was expected next"
                : $"round {round} arrived but round {expected} was expected: rounds {expected}..{round - 1} are missing");
        }
    }

    /// <summary>Throws unless every index lies in [0, <paramref name="roundSize"/>) and none is listed twice.</summary>
    public static void CheckRoundEvents(int round, ReadOnlySpan<int> detectorsInRound, int roundSize)
    {
        for (int j = 0; j < detectorsInRound.Length; j++)
        {
            int i = detectorsInRound[j];
            if ((uint)i >= (uint)roundSize)
            {
                throw new ArgumentException($"round {round}: detector {i} is outside the round's {roundSize} detectors");
            }
            // A round holds few events: the quadratic duplicate check costs less than a set.
            if (detectorsInRound[..j].Contains(i))
            {
                throw new ArgumentException($"round {round}: detector {i} is listed twice");
            }
        }
    }

    /// <summary>Throws unless all rounds arrived.</summary>
    public static void CheckComplete(int received, int numRounds)
    {
        if (received != numRounds)
        {
            throw new InvalidOperationException(
                $"shot finished after {received} of {numRounds} rounds: rounds {received}..{numRounds - 1} are missing");
        }
    }
}
