using System.Text;
using Rapport.Domain.Audit;

namespace Rapport.Application.Contacts;

/// <summary>Builds the audit events of the CRM slice with a canonical "key=value key=value" detail.</summary>
public static class CrmAudit
{
    public const string CliActor = "cli";

    public static AuditEvent Event(DateTimeOffset at, string actor, string action, string subject, string? contactId, params (string Key, string? Value)[] detail) =>
        new(at, actor, action, subject, contactId, Detail(detail));

    /// <summary>Pairs in the given order; empty values are left out; values with spaces, quotes or '=' are quoted with \" escapes.</summary>
    public static string Detail(params (string Key, string? Value)[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(key).Append('=');
            if (value.Any(c => char.IsWhiteSpace(c) || c is '"' or '=' or '\\'))
            {
                builder.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(value);
            }
        }

        return builder.ToString();
    }
}
