namespace Journeys.Scoring.Model;

/// <summary>Hears the end of a step submitted to an <see cref="ISessionScorer"/>.</summary>
public interface IStepListener
{
    /// <summary>
    /// Called once per submitted step, on the scorer's thread: it must be quick and must not throw (hand the reply to
    /// the session, e.g. by a message). The reply must be released once read.
    /// </summary>
    void OnStepped(StepReply reply);
}
