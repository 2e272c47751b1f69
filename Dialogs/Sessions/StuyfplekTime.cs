namespace StuyfBot.Dialogs.Sessions;

/// <summary>The Stuyfplekken are in Flanders: planned times are read and shown in Brussels time.</summary>
public static class StuyfplekTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateTime ToLocal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone).DateTime;

    /// <summary>The moment of a Brussels wall-clock time; null when that time does not exist (the spring-forward hour).</summary>
    public static DateTimeOffset? FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(local) ? null : new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now));
}
