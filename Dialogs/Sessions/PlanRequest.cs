using System.Globalization;
using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>Why a plan could not be read: the reply says what to fix.</summary>
public enum PlanProblem
{
    /// <summary>"plan connectortafel" without a date.</summary>
    NoDate,

    /// <summary>A date that does not exist (31/2) or could not be read.</summary>
    BadDate,

    /// <summary>A date without a time.</summary>
    NoTime,

    /// <summary>A time that does not exist (25:00, or the hour skipped when summer time starts).</summary>
    BadTime,

    InThePast,

    /// <summary>More than a year ahead: most likely a typo.</summary>
    TooFarAhead,
}

/// <summary>A plan that was read, or why it could not be.</summary>
public sealed record PlanParse(PlanRequest? Request, PlanProblem? Problem)
{
    public static PlanParse Of(PlanRequest request) => new(request, null);

    public static PlanParse Failed(PlanProblem problem) => new(null, problem);
}

/// <summary>
/// A typed plan: "plan connectortafel 28/11 19:30", "plan open huys 2026-11-28 19u30 Wijkcentrum",
/// "plan connector table November 28 7:30 pm", "plan open huys dinsdag om 19:30". Dates: d/m,
/// d-m, d.m (with an optional year), yyyy-mm-dd, "28 november", "November 28", a weekday (the next
/// one), vandaag/morgen/overmorgen (today/tomorrow); m/d when d/m cannot be a date. Times: 19:30,
/// 19u30, 19u, 19.30, 19h30, 7:30 pm, 7pm. Read in Brussels time. Without a year the next such
/// date is meant. A title may follow.
/// </summary>
public sealed partial record PlanRequest(SessionKind Kind, DateTimeOffset StartsAt, string? Title)
{
    private const string Weekdays = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday";

    private static readonly string[] DutchMonths =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] DutchDays = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

    private static readonly string[] EnglishDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The plan in this text; null when the text is no plan command at all.</summary>
    public static PlanParse? Parse(string? text, DateTimeOffset now)
    {
        var command = Command().Match(text ?? string.Empty);
        if (!command.Success)
        {
            return null;
        }

        var kind = command.Groups["tafel"].Success ? SessionKind.Connectortafel : SessionKind.OpenHuys;
        var rest = command.Groups["rest"].Value;
        var today = StuyfplekTime.Today(now);
        var date = ReadDate(ref rest, today);
        if (date is null)
        {
            return PlanParse.Failed(PlanProblem.NoDate);
        }

        if (date.Value.Problem is { } dateProblem)
        {
            return PlanParse.Failed(dateProblem);
        }

        var time = Time().Match(rest);
        if (!time.Success)
        {
            return PlanParse.Failed(PlanProblem.NoTime);
        }

        if (ReadTime(time) is not { } clock)
        {
            return PlanParse.Failed(PlanProblem.BadTime);
        }

        var title = SessionRules.NormalizeTitle(TitleSeparator().Replace(rest[time.Length..], string.Empty));
        var day = date.Value.Date;
        if (date.Value.Weekday && day == today && StuyfplekTime.FromLocal(day, clock) <= now)
        {
            day = day.AddDays(7);
        }

        return Create(kind, day, clock, title, now);
    }

    /// <summary>The plan from the help card's form (Input.Date "yyyy-MM-dd", Input.Time "HH:mm").</summary>
    public static PlanParse FromInputs(SessionKind kind, string? date, string? time, string? title, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return PlanParse.Failed(PlanProblem.NoDate);
        }

        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return PlanParse.Failed(PlanProblem.BadDate);
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            return PlanParse.Failed(PlanProblem.NoTime);
        }

        var formats = new[] { "HH:mm", "H:mm", "HH:mm:ss" };
        return TimeOnly.TryParseExact(time.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? Create(kind, day, clock, SessionRules.NormalizeTitle(title), now)
            : PlanParse.Failed(PlanProblem.BadTime);
    }

    private static PlanParse Create(SessionKind kind, DateOnly day, TimeOnly clock, string? title, DateTimeOffset now)
    {
        if (StuyfplekTime.FromLocal(day, clock) is not { } startsAt)
        {
            return PlanParse.Failed(PlanProblem.BadTime);
        }

        return startsAt <= now ? PlanParse.Failed(PlanProblem.InThePast)
            : startsAt > now.AddYears(1) ? PlanParse.Failed(PlanProblem.TooFarAhead)
            : PlanParse.Of(new PlanRequest(kind, startsAt, title));
    }

    /// <summary>The date at the start of <paramref name="rest"/> (consumed); null when there is none.</summary>
    private static (DateOnly Date, bool Weekday, PlanProblem? Problem)? ReadDate(ref string rest, DateOnly today)
    {
        Match match;
        if ((match = IsoDate().Match(rest)).Success)
        {
            rest = rest[match.Length..];
            return Checked(Int(match, "y"), Int(match, "m"), Int(match, "d"));
        }

        if ((match = NumericDate().Match(rest)).Success)
        {
            rest = rest[match.Length..];
            var (first, second) = (Int(match, "a"), Int(match, "b"));
            int? year = match.Groups["y"].Success ? FullYear(Int(match, "y")) : null;
            if (IsDate(year ?? today.Year, second, first) || !IsDate(year ?? today.Year, first, second))
            {
                return WithYear(year, second, first, today);
            }

            return WithYear(year, first, second, today);
        }

        foreach (var named in new[] { DayMonthName(), MonthNameDay() })
        {
            match = named.Match(rest);
            if (match.Success && MonthOf(match.Groups["month"].Value) is { } month)
            {
                rest = rest[match.Length..];
                int? year = match.Groups["y"].Success ? Int(match, "y") : null;
                return WithYear(year, month, Int(match, "d"), today);
            }
        }

        if ((match = RelativeDay().Match(rest)).Success)
        {
            rest = rest[match.Length..];
            var word = match.Groups["word"].Value.ToLowerInvariant();
            var offset = word switch
            {
                "vandaag" or "today" => 0,
                "overmorgen" => 2,
                "morgen" or "tomorrow" => 1,
                _ => -1,
            };
            if (offset >= 0)
            {
                return (today.AddDays(offset), false, null);
            }

            var weekday = Array.IndexOf(DutchDays, word) is var dutch and >= 0 ? dutch : Array.IndexOf(EnglishDays, word);
            var ahead = ((weekday - (int)today.DayOfWeek) + 7) % 7;
            return (today.AddDays(ahead), true, null);
        }

        return null;
    }

    private static (DateOnly, bool, PlanProblem?) WithYear(int? year, int month, int day, DateOnly today)
    {
        if (year is { } given)
        {
            return Checked(given, month, day);
        }

        if (!IsDate(today.Year, month, day) && !IsDate(today.Year + 1, month, day))
        {
            return (today, false, PlanProblem.BadDate);
        }

        // Without a year: the next such date (29/2 waits for a leap year within the next one).
        var thisYear = IsDate(today.Year, month, day) ? new DateOnly(today.Year, month, day) : (DateOnly?)null;
        return thisYear is { } date && date >= today ? (date, false, null)
            : IsDate(today.Year + 1, month, day) ? (new DateOnly(today.Year + 1, month, day), false, null)
            : (today, false, PlanProblem.BadDate);
    }

    private static (DateOnly, bool, PlanProblem?) Checked(int year, int month, int day) =>
        IsDate(year, month, day) ? (new DateOnly(year, month, day), false, null) : (default, false, PlanProblem.BadDate);

    private static bool IsDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int FullYear(int year) => year < 100 ? 2000 + year : year;

    private static int? MonthOf(string name)
    {
        var word = name.ToLowerInvariant().TrimEnd('.');
        if (word.Length < 3)
        {
            return null;
        }

        var index = Array.FindIndex(DutchMonths, m => m.StartsWith(word, StringComparison.Ordinal));
        if (index < 0)
        {
            index = Array.FindIndex(EnglishMonths, m => m.StartsWith(word, StringComparison.Ordinal));
        }

        // "mrt" is the Dutch short form of maart.
        return index >= 0 ? index + 1 : word == "mrt" ? 3 : null;
    }

    private static TimeOnly? ReadTime(Match time)
    {
        var hour = Int(time, "h");
        var minute = time.Groups["m"].Success ? Int(time, "m") : 0;
        if (time.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            var pm = time.Groups["ampm"].Value.StartsWith('p') || time.Groups["ampm"].Value.StartsWith('P');
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^\s*plan\s+(?:een\s+|an?\s+)?(?:(?<tafel>connector\s*tafel|connector\s*table)|open\s*(?:huys|huis|house))(?<rest>(?:\s.*)?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Command();

    [GeneratedRegex(@"^\s*(?:op\s+|on\s+)?(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d/.\-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\s*(?:op\s+|on\s+)?(?<a>\d{1,2})[/.\-](?<b>\d{1,2})(?:[/.\-](?<y>\d{4}|\d{2}))?(?![\d/\-]|\.\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\s*(?:op\s+|on\s+)?(?:(?:" + Weekdays + @"),?\s+)?(?<d>\d{1,2})(?:st|nd|rd|th|e|ste|de)?\s+(?<month>\p{L}{3,}\.?)(?:\s+(?<y>\d{4}))?(?=\s|,|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"^\s*(?:op\s+|on\s+)?(?:(?:" + Weekdays + @"),?\s+)?(?<month>\p{L}{3,}\.?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?(?=\s|,|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MonthNameDay();

    [GeneratedRegex(@"^\s*(?:op\s+|on\s+|next\s+|volgende\s+)?(?<word>vandaag|overmorgen|morgen|today|tomorrow|" + Weekdays + @")(?=\s|,|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"^\s*,?\s*(?:om\s+|at\s+|@\s*)?(?<h>\d{1,2})(?:(?:[:.uh](?<m>\d{2}))|u|h)?\s*(?<ampm>[ap]\.?m\.?)?(?=\s|,|:|-|–|$)(?<=[:.uh]\d{2}|u|h|[ap]\.?m\.?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Time();

    [GeneratedRegex(@"^\s*(?:[:\-–,]\s*)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TitleSeparator();
}
