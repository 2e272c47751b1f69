using System.Text.Json;
using StuyfBot.Platform.Api;

namespace StuyfBot.Platform.Apps;

internal static class InvokeValue
{
    /// <summary>Reads the value of an adaptiveCard/action invoke; null when it is not one.</summary>
    public static AdaptiveCardInvokeValue? Read(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize(ApiJsonContext.Default.AdaptiveCardInvokeValue);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
