namespace Rapport.Host.Demo;

/// <summary>A demo step did not do what the story says; the demo stops and tells which step.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
