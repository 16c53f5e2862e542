namespace Qec.StatMech.Annealing;

/// <summary>How β moves from its start to its end value during annealing.</summary>
public enum AnnealSchedule
{
    /// <summary>β_t = β_0 + (β_1 − β_0) t/(S − 1).</summary>
    Linear,

    /// <summary>β_t = β_0 (β_1/β_0)^{t/(S − 1)} (equal ratios; more time at high temperature).</summary>
    Geometric,
}
