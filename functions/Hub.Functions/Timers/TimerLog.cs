using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Timers;

/// <summary>What every timer says about its tick: that it runs late (the host was down or busy when it was due, and
/// the tick is a catch-up), and when the next one is due.</summary>
public static class TimerLog
{
    public static void Tick(ILogger logger, string timer, TimerInfo info)
    {
        if (info.IsPastDue)
            logger.LogWarning("{Timer} is running late (past due; last due {Last:O}): catching up now", timer, info.ScheduleStatus?.Last);
        logger.LogInformation("{Timer} ticked; next at {Next:O}", timer, info.ScheduleStatus?.Next);
    }
}
