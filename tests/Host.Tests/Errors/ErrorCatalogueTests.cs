using System.Reflection;
using System.Text.RegularExpressions;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Adapters.Libp2p;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Partners;
using Rapport.Domain.Common;
using Rapport.Domain.Policy;
using Rapport.Host.Cli;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Tests.Errors;

/// <summary>
/// docs/errors.md is the catalogue: every error code the source defines is listed there with its kind, spelled one way,
/// and nothing is listed that the source no longer has. The kinds table matches the gRPC and exit-code mappings.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly Assembly[] RapportAssemblies =
    [
        typeof(Error).Assembly, typeof(PartnerErrors).Assembly, typeof(SqliteDatabase).Assembly,
        typeof(NetworkErrors).Assembly, typeof(Adapters.Libp2p.Libp2pErrors).Assembly, typeof(ErrorMapping).Assembly, typeof(ExitCodes).Assembly,
    ];

    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "docs", "errors.md")));

    [Fact]
    public void Every_code_in_the_source_is_listed_with_its_kind()
    {
        var listed = Rows(Section("## Codes"));
        var missing = CatalogueCodes()
            .Where(c => !listed.TryGetValue(c.Code.Value, out var kind) || kind != c.Code.Kind.ToString())
            .Select(c => $"{c.Owner}: {c.Code.Value} ({c.Code.Kind})")
            .ToList();
        Assert.True(missing.Count == 0, "not in docs/errors.md with this kind:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_listed_code_is_in_the_source()
    {
        var known = CatalogueCodes().Select(c => c.Code.Value).ToHashSet(StringComparer.Ordinal);
        var stale = Rows(Section("## Codes")).Keys.Where(code => !known.Contains(code)).ToList();
        Assert.True(stale.Count == 0, "listed in docs/errors.md but not in the source: " + string.Join(", ", stale));
    }

    [Fact]
    public void A_code_has_one_kind_and_one_spelling()
    {
        var codes = CatalogueCodes().Select(c => c.Code).ToList();
        Assert.All(codes, c => Assert.Matches(Spelling(), c.Value));
        var twoKinds = codes.GroupBy(c => c.Value).Where(g => g.Select(c => c.Kind).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twoKinds.Count == 0, "codes with more than one kind: " + string.Join(", ", twoKinds));
    }

    [Fact]
    public void Every_policy_reason_code_is_listed_with_the_kind_of_its_denial()
    {
        var listed = Rows(Section("## Policy reason codes"));
        var missing = PolicyMatrix.Default.NamedPurposes.Select(p => ReasonCode.Missing(Domain.Consent.Purpose.Parse(p).Value));
        var reasons = ReasonCode.Fixed.Concat(missing).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason =>
        {
            Assert.True(listed.TryGetValue(reason.Code, out var kind), $"{reason} is not in the reason codes of docs/errors.md");
            Assert.Equal(reason.Error.Kind.ToString(), kind);
        });
    }

    [Fact]
    public void The_kinds_table_lists_every_kind_with_its_grpc_status_and_exit_code()
    {
        var rows = Section("## Kinds").Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 6 && Enum.TryParse<ErrorKind>(cells[1], out _))
            .ToDictionary(cells => Enum.Parse<ErrorKind>(cells[1]), cells => (Status: cells[3].Trim('`'), Exit: int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(Enum.GetValues<ErrorKind>(), kind =>
        {
            Assert.True(rows.TryGetValue(kind, out var row), $"{kind} has no row in the kinds table");
            Assert.Equal(GrpcName(ErrorMapping.StatusOf(kind)), row.Status);
            Assert.Equal(ExitCodes.For(kind), row.Exit);
        });
    }

    [Fact]
    public void Codes_are_spelled_only_in_the_catalogue_classes()
    {
        // A code written where an error is raised would escape the catalogue (and this file's checks).
        var inline = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(l => InlineCode().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryLayout.Root(), l.path)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();
        Assert.True(inline.Count == 0, "codes spelled outside a catalogue field:\n" + string.Join('\n', inline));
    }

    /// <summary>Every static ErrorCode (and BoundedTextErrors trio) of the Rapport assemblies, with the type that holds it.</summary>
    private static IEnumerable<(string Owner, ErrorCode Code)> CatalogueCodes()
    {
        foreach (var type in RapportAssemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsGenericTypeDefinition))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var owner = $"{type.Name}.{field.Name}";
                switch (field.FieldType)
                {
                    case var t when t == typeof(ErrorCode):
                        yield return (owner, (ErrorCode)field.GetValue(null)!);
                        break;
                    case var t when t == typeof(Libp2p.ErrorCode):
                        // The libp2p library's codes, as the node reports them (same code, kind of the same name).
                        yield return (owner, ((Libp2p.ErrorCode)field.GetValue(null)!).ToRapport());
                        break;
                    case var t when t == typeof(BoundedTextErrors):
                        var text = (BoundedTextErrors)field.GetValue(null)!;
                        yield return (owner, text.Empty);
                        yield return (owner, text.TooLong);
                        yield return (owner, text.Invalid);
                        break;
                }
            }
        }
    }

    /// <summary>The text from <paramref name="heading"/> to the next heading of the same level.</summary>
    private static string Section(string heading)
    {
        var text = Document.Value;
        var start = text.IndexOf('\n' + heading + '\n', StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/errors.md has no '{heading}'");
        var end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>Table rows <c>| `CODE` | Kind | … |</c> of a section: code → kind.</summary>
    private static Dictionary<string, string> Rows(string section)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in CodeRow().Matches(section))
        {
            var code = row.Groups["code"].Value;
            var kind = row.Groups["kind"].Value;
            Assert.False(rows.TryGetValue(code, out var other) && other != kind, $"{code} is listed as {other} and as {kind}");
            rows[code] = kind;
        }

        return rows;
    }

    /// <summary>OK → OK, InvalidArgument → INVALID_ARGUMENT: the status as gRPC spells it.</summary>
    private static string GrpcName(global::Grpc.Core.StatusCode status) =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex Spelling();

    [GeneratedRegex(@"^\| `(?<code>[A-Z][A-Z0-9_]*)` \| (?<kind>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex CodeRow();

    [GeneratedRegex(@"\b(ErrorCode|Error)\(\s*""")]
    private static partial Regex InlineCode();
}
