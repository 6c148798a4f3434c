using System.CommandLine;

namespace Rapport.Host.Cli.Consent;

/// <summary>
/// `rapport consent`: consents the business collected itself (`grant`, `revoke --contact`, `show`) and the signed
/// grants of the peer-to-peer consent flow (`list`, `verify`, `revoke --business`; see docs/control-socket.md).
/// </summary>
public static class ConsentCommands
{
    public static Command Build()
    {
        var consent = new Command("consent", "Record, revoke and show consents; list, verify and revoke signed grants.");
        consent.Subcommands.Add(ConsentGrantCli.Create());
        consent.Subcommands.Add(ConsentRevokeCli.Create());
        consent.Subcommands.Add(ConsentShowCli.Create());
        consent.Subcommands.Add(SignedConsentCommands.List());
        consent.Subcommands.Add(SignedConsentCommands.Verify());
        return consent;
    }
}
