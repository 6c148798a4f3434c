using System.Diagnostics;
using Rapport.Application.Access;
using Rapport.Host.Composition;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Web;

/// <summary>`rapport web passwd` reads the passphrase from standard input (the way scripts set it), keeps only its hash.</summary>
public sealed class WebPasswdTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly CliHarness _cli = new();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_passphrase_on_stdin_is_stored_as_an_argon2id_hash_only_the_user_can_read_and_opens_the_console()
    {
        await _cli.OkAsync("init");

        var (exit, output, error) = await PasswdAsync(Passphrase + "\n");

        Assert.True(exit == 0, error);
        Assert.Contains("admin passphrase set", output, StringComparison.Ordinal);
        var path = new DataDirectory(_cli.Root).AdminPassphrasePath;
        var stored = await File.ReadAllTextAsync(path);
        Assert.StartsWith("$argon2id$v=19$m=65536,t=3,p=1$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", stored, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(_cli.Root), CancellationToken.None));
        Assert.True((await node.Get<CheckAdminPassphrase>().ExecuteAsync(Passphrase)).IsSuccess);
        Assert.Equal("PASSPHRASE_WRONG", (await node.Get<CheckAdminPassphrase>().ExecuteAsync(Passphrase + "!")).Error.Code.Value);
    }

    [Fact]
    public async Task Replacing_the_passphrase_is_audited_without_it_and_the_old_one_no_longer_opens()
    {
        await _cli.OkAsync("init");
        Assert.Equal(0, (await PasswdAsync(Passphrase + "\n")).Exit);
        Assert.Equal(0, (await PasswdAsync("another passphrase entirely\n")).Exit);

        var audit = await _cli.OkAsync("audit", "list", "--json");
        var entries = audit.Json.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "web.passphrase_set").ToList();
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain("horse", audit.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("entirely", audit.Out, StringComparison.Ordinal);
        await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(_cli.Root), CancellationToken.None));
        Assert.False((await node.Get<CheckAdminPassphrase>().ExecuteAsync(Passphrase)).IsSuccess);
        Assert.True((await node.Get<CheckAdminPassphrase>().ExecuteAsync("another passphrase entirely")).IsSuccess);
    }

    [Theory]
    [InlineData("short\n", "PASSPHRASE_TOO_SHORT")]
    [InlineData("            \n", "PASSPHRASE_TOO_SHORT")]
    [InlineData("", "PASSPHRASE_TOO_SHORT")]
    public async Task A_bad_passphrase_is_refused_with_exit_code_2_and_nothing_is_written(string input, string code)
    {
        await _cli.OkAsync("init");

        var (exit, _, error) = await PasswdAsync(input, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(code, System.Text.Json.JsonDocument.Parse(error).RootElement.GetProperty("error").GetString());
        Assert.False(File.Exists(new DataDirectory(_cli.Root).AdminPassphrasePath));
    }

    [Fact]
    public async Task Without_a_passphrase_the_console_cannot_be_opened_and_says_how_to_set_one()
    {
        await _cli.OkAsync("init");
        await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(_cli.Root), CancellationToken.None));

        var checkedPassphrase = await node.Get<CheckAdminPassphrase>().ExecuteAsync(Passphrase);

        Assert.Equal("PASSPHRASE_NOT_SET", checkedPassphrase.Error.Code.Value);
        Assert.Contains("rapport web passwd", checkedPassphrase.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_sets_the_passphrase_read_from_stdin_and_refuses_a_bad_one_before_creating_anything()
    {
        var (refused, _, error) = await RunAsync("short\n", "init", "--web-passphrase-stdin", "--json");
        Assert.Equal(2, refused);
        Assert.Equal("PASSPHRASE_TOO_SHORT", System.Text.Json.JsonDocument.Parse(error).RootElement.GetProperty("error").GetString());
        Assert.False(File.Exists(new DataDirectory(_cli.Root).IdentityPath));

        var (exit, output, initError) = await RunAsync(Passphrase + "\n", "init", "--web-passphrase-stdin");

        Assert.True(exit == 0, initError);
        Assert.Contains("admin passphrase set", output, StringComparison.Ordinal);
        await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(_cli.Root), CancellationToken.None));
        Assert.True((await node.Get<CheckAdminPassphrase>().ExecuteAsync(Passphrase)).IsSuccess);
    }

    private Task<(int Exit, string Output, string Error)> PasswdAsync(string input, params string[] extra) =>
        RunAsync(input, ["web", "passwd", .. extra]);

    private async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "rapport.dll"), .. args, "--data", _cli.Root])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => _cli.Dispose();
}
