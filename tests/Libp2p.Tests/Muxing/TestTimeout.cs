namespace Rapport.Libp2p.Tests.Muxing;

internal static class TestTimeout
{
    public static CancellationToken Token(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
