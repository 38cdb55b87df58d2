namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>The two outcome heads under evaluation; labels as in <c>OutcomeLabels</c>.</summary>
public enum OutcomeTask
{
    /// <summary>A purchase happens after this step.</summary>
    Conversion,

    /// <summary>The session shows intent (cart add or checkout) at some step and no purchase happens after this step.</summary>
    Friction,
}
