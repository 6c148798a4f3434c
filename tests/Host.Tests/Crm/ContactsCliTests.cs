using System.Text;

namespace Rapport.Host.Tests.Crm;

[Collection(ConsoleCollection.Name)]
public sealed class ContactsCliTests
{
    [Fact]
    public async Task Add_show_list_update_delete_round_trip()
    {
        await using var node = await CrmNode.CreateAsync();
        var add = await node.RunAsync("contacts", "add", "--name", "Ada Lovelace", "--email", "Ada@Example.ORG", "--phone", "+44 20 7946 0958",
            "--company", "Analytical Engines", "--tag", "VIP", "--tag", "vip", "--tag", "math", "--field", "seats=number:12", "--field", "renewal=date:2027-01-31", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        var id = add.Json.GetProperty("id").GetString()!;
        Assert.Equal("Ada@example.org", add.Json.GetProperty("email").GetString());
        Assert.Equal("+442079460958", add.Json.GetProperty("phone").GetString());
        Assert.Equal(2, add.Json.GetProperty("tags").GetArrayLength());

        var show = await node.RunAsync("contacts", "show", id, "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Equal("12", show.Json.GetProperty("fields").GetProperty("seats").GetProperty("value").GetString());

        var human = await node.RunAsync("contacts", "list", "--tag", "vip");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("Ada Lovelace", human.Out, StringComparison.Ordinal);

        var none = await node.RunAsync("contacts", "list", "--search", "nobody", "--json");
        Assert.Equal(0, none.Json.GetArrayLength());

        var update = await node.RunAsync("contacts", "update", id, "--company", "Babbage & Co", "--remove-tag", "math", "--add-tag", "pioneer", "--json");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal("Babbage & Co", update.Json.GetProperty("company").GetString());
        Assert.Equal(new[] { "pioneer", "vip" }, update.Json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());

        var delete = await node.RunAsync("contacts", "delete", id);
        Assert.Equal(0, delete.ExitCode);
        var gone = await node.RunAsync("contacts", "show", id);
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains("no contact", gone.Error, StringComparison.Ordinal);

        // Each read is audited (show: one decision; the list that found Ada: one entry naming the contacts it decided);
        // a list that matched nobody decided nothing, and the show after the delete found no contact to decide on.
        Assert.Equal(["contact.created", "policy.decided", "policy.decided.many", "contact.updated", "contact.deleted"], await node.AuditActionsAsync());
    }

    [Fact]
    public async Task List_sorts_by_the_order_asked_for_and_refuses_one_it_cannot_sort_by()
    {
        await using var node = await CrmNode.CreateAsync();
        foreach (var (name, company) in new[] { ("Ada", "Zeta"), ("Bob", "acme"), ("Cy", "Beta") })
        {
            var add = await node.RunAsync("contacts", "add", "--name", name, "--email", $"{name}@example.org", "--company", company);
            Assert.True(add.ExitCode == 0, add.ToString());
        }

        var byCompany = await node.RunAsync("contacts", "list", "--order-by", "company desc", "--json");
        var unknown = await node.RunAsync("contacts", "list", "--order-by", "phone");

        Assert.True(byCompany.ExitCode == 0, byCompany.ToString());
        Assert.Equal(["Ada", "Cy", "Bob"], byCompany.Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("cannot sort by 'phone': use one of name, email, company, last_interaction", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--email", "not-an-email", "email")]
    [InlineData("--phone", "12345", "phone")]
    [InlineData("--field", "seats=number:many", "fields.seats")]
    [InlineData("--tag", "bad!tag", "tags")]
    public async Task Add_with_invalid_value_fails_with_field_name_and_writes_nothing(string option, string value, string field)
    {
        await using var node = await CrmNode.CreateAsync();
        var args = new List<string> { "contacts", "add", "--name", "Grace Hopper", "--email", "grace@example.com" };
        if (option == "--email")
        {
            args[^1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await node.RunAsync([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {field}:", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("contacts"));
        Assert.Equal(0, await node.CountAsync("audit_log"));
    }

    [Fact]
    public async Task Duplicate_email_and_unknown_or_malformed_ids_exit_2()
    {
        await using var node = await CrmNode.CreateAsync();
        Assert.Equal(0, (await node.RunAsync("contacts", "add", "--name", "A", "--email", "a@example.com")).ExitCode);
        var duplicate = await node.RunAsync("contacts", "add", "--name", "B", "--email", "A@EXAMPLE.com");
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);

        Assert.Equal(2, (await node.RunAsync("contacts", "show", "xyz")).ExitCode);
        Assert.Equal(2, (await node.RunAsync("contacts", "delete", Guid.NewGuid().ToString("N"))).ExitCode);
        Assert.Equal(2, (await node.RunAsync("contacts", "add", "--email", "c@example.com")).ExitCode);
        Assert.Equal(1, await node.CountAsync("contacts"));
    }

    [Fact]
    public async Task Import_is_atomic_and_reports_every_bad_row()
    {
        await using var node = await CrmNode.CreateAsync();
        var csv = node.File("in.csv");
        await File.WriteAllTextAsync(csv,
            "name,email,phone,company,tags\r\n" +
            "\"Lovelace, Ada\",ada@example.org,+44 20 7946 0958,\"Engines \"\"Ltd\"\"\",vip;math\r\n" +
            "Bad Mail,nope,,,\r\n" +
            "\"Multi\nLine\",ml@example.org,,,\r\n" +
            "Dup,ada@example.org,,,\r\n" +
            "Short,x@example.org\r\n");
        var run = await node.RunAsync("contacts", "import", csv);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("row 3: email:", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 5: email:", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 6:", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("contacts"));
        Assert.Equal(0, await node.CountAsync("audit_log"));

        var skip = await node.RunAsync("contacts", "import", csv, "--skip-invalid", "--json");
        Assert.True(skip.ExitCode == 0, skip.ToString());
        Assert.Equal(2, skip.Json.GetProperty("imported").GetInt32());
        Assert.Equal(3, skip.Json.GetProperty("rejected").GetArrayLength());
        var rejected = await File.ReadAllTextAsync(csv + ".rejected.csv");
        Assert.StartsWith("row,reason,name,email,phone,company,tags", rejected, StringComparison.Ordinal);
        Assert.Contains("Bad Mail", rejected, StringComparison.Ordinal);
        // Rectangular whatever the width of each rejected row, so a spreadsheet or a script reads it back.
        using (var reader = new StringReader(rejected))
        {
            var rows = new List<List<string>>();
            var csvReader = new Rapport.Application.Common.Csv.CsvReader(reader);
            var cells = new List<string>();
            while ((await csvReader.ReadAsync(cells, CancellationToken.None)).Value)
            {
                rows.Add([.. cells]);
            }

            Assert.Equal(4, rows.Count);
            Assert.Single(rows.Select(r => r.Count).Distinct());
        }

        var list = await node.RunAsync("contacts", "list", "--search", "lovelace", "--json");
        Assert.Equal("Engines \"Ltd\"", list.Json[0].GetProperty("company").GetString());
    }

    [Fact]
    public async Task Import_rejects_unreadable_files()
    {
        await using var node = await CrmNode.CreateAsync();
        var quoting = node.File("quoting.csv");
        await File.WriteAllTextAsync(quoting, "name,email\nA,a@example.org\n\"B,b@example.org\n");
        var run = await node.RunAsync("contacts", "import", quoting);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("row 3", run.Error, StringComparison.Ordinal);

        var header = node.File("header.csv");
        await File.WriteAllTextAsync(header, "name,mail\nA,a@example.org\n");
        run = await node.RunAsync("contacts", "import", header);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown column 'mail'", run.Error, StringComparison.Ordinal);

        var utf8 = node.File("latin1.csv");
        await File.WriteAllBytesAsync(utf8, [.. Encoding.ASCII.GetBytes("name,email\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",jose@example.org\n")]);
        run = await node.RunAsync("contacts", "import", utf8);
        Assert.Contains("line 2, byte 4", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("UTF-8", run.Error, StringComparison.Ordinal);

        run = await node.RunAsync("contacts", "import", node.File("missing.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(0, await node.CountAsync("contacts"));
    }

    [Fact]
    public async Task Export_then_import_into_another_node_preserves_contacts()
    {
        await using var source = await CrmNode.CreateAsync();
        Assert.Equal(0, (await source.RunAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--company", "A, B & \"C\"", "--tag", "x",
            "--field", "vip=bool:true", "--field", "note=text:hello")).ExitCode);
        Assert.Equal(0, (await source.RunAsync("contacts", "add", "--name", "Alan", "--email", "alan@example.org")).ExitCode);
        var file = source.File("out.csv");
        var export = await source.RunAsync("contacts", "export", file, "--json");
        Assert.Equal(2, export.Json.GetProperty("exported").GetInt32());

        await using var target = await CrmNode.CreateAsync();
        var import = await target.RunAsync("contacts", "import", file, "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        var ada = (await target.RunAsync("contacts", "list", "--search", "ada@", "--json")).Json[0];
        Assert.Equal("A, B & \"C\"", ada.GetProperty("company").GetString());
        Assert.Equal("true", ada.GetProperty("fields").GetProperty("vip").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Bundled_demo_dataset_imports_cleanly()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Host", "Demo", "sample-contacts.csv")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        await using var node = await CrmNode.CreateAsync();
        var run = await node.RunAsync("contacts", "import", Path.Combine(dir.FullName, "src", "Host", "Demo", "sample-contacts.csv"), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(50, run.Json.GetProperty("imported").GetInt32());
    }
}
