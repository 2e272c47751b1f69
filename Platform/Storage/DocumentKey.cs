using System.Buffers;

namespace StuyfBot.Platform.Storage;

/// <summary>
/// The rules for keys, the same for blobs and files: '/'-separated segments of URL-safe characters
/// (letters, digits, '-', '_', '.', '~'), no segment starting with '.', so a key is a valid blob
/// name and a valid relative path, needs no escaping, and never collides with the file store's
/// own temporary and lock files (which start with '.').
/// </summary>
public static class DocumentKey
{
    public const int MaxLength = 512;
    public const int MaxSegmentLength = 128;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~");

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan(range);
            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A listing prefix: complete segments, then possibly the start of one.</summary>
    public static bool IsValidPrefix(string? prefix)
    {
        if (prefix is null || prefix.Length > MaxLength)
        {
            return false;
        }

        if (prefix.Length == 0)
        {
            return true;
        }

        var ranges = new List<Range>();
        foreach (var range in prefix.AsSpan().Split('/'))
        {
            ranges.Add(range);
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            var segment = prefix.AsSpan(ranges[i]);
            var last = i == ranges.Count - 1;
            if (last && segment.IsEmpty)
            {
                continue;
            }

            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    public static void Validate(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid document key: use '/'-separated segments of letters, digits, '-', '_', '.', '~', not starting with '.'.", nameof(key));
        }
    }

    public static void ValidatePrefix(string prefix)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a valid key prefix.", nameof(prefix));
        }
    }

    /// <summary>True when the text can be one key segment as it is.</summary>
    public static bool IsValidSegment(ReadOnlySpan<char> segment) =>
        segment.Length is > 0 and <= MaxSegmentLength
        && segment[0] != '.'
        && !segment.ContainsAnyExcept(Allowed);

    /// <summary>The content type to store with a document, from its key's extension.</summary>
    public static string ContentTypeOf(string key) => Path.GetExtension(key) switch
    {
        ".json" => "application/json",
        ".md" => "text/markdown; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
