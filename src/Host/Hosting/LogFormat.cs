namespace Rapport.Host.Hosting;

/// <summary>How a running node writes its log to stderr: lines for people, or one JSON object per line for machines.</summary>
public enum LogFormat
{
    Text,
    Json,
}
