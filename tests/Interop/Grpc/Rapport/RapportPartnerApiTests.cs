using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Rapport.Interop.Tests.Grpc.Rapport;

/// <summary>The real rapport host's partner API against the real @grpc/grpc-js client (codes are grpc status numbers).</summary>
public sealed class RapportPartnerApiTests(RapportHostFixture host) : IClassFixture<RapportHostFixture>
{
    private const int Ok = 0, Cancelled = 1, InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5, PermissionDenied = 7,
        ResourceExhausted = 8, Unimplemented = 12, Internal = 13, Unauthenticated = 16;

    private Task<JsonElement> Call(string scenario, object? request = null, string? key = null) =>
        RapportClient.RunAsync(scenario, host.Address, key ?? host.FullKey, request);

    [Fact]
    public async Task Get_returns_the_contact_by_resource_name()
    {
        var result = await Call("get", new { name = host.MarketingContact });

        Assert.Equal(Ok, result.Code());
        Assert.Equal(host.MarketingContact, result.Response().GetProperty("name").GetString());
        Assert.Equal("Ada Lovelace", result.Response().GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task List_for_marketing_returns_only_contacts_whose_consent_allows_it()
    {
        var all = await Call("list", new { pageSize = 100 });
        var marketing = await Call("list", new { purpose = "marketing" });

        Assert.Equal(Ok, all.Code());
        Assert.Equal(3, all.Response().GetProperty("contacts").GetArrayLength());
        Assert.Equal(Ok, marketing.Code());
        Assert.Equal([host.MarketingContact], marketing.Response().GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_pages_with_page_token()
    {
        var first = await Call("list", new { pageSize = 2, search = "example.org" });
        var token = first.Response().GetProperty("nextPageToken").GetString();
        var second = await Call("list", new { pageSize = 2, search = "example.org", pageToken = token });

        Assert.Equal(2, first.Response().GetProperty("contacts").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(1, second.Response().GetProperty("contacts").GetArrayLength());
        Assert.Equal(string.Empty, second.Response().GetProperty("nextPageToken").GetString());
    }

    [Fact]
    public async Task Get_for_a_purpose_without_consent_is_denied_with_the_policy_reason()
    {
        var missing = await Call("get", new { name = host.NoConsentContact, purpose = "marketing" });
        var revoked = await Call("get", new { name = host.RevokedConsentContact, purpose = "marketing" });

        Assert.Equal(PermissionDenied, missing.Code());
        Assert.Equal("CONSENT_MARKETING_MISSING", missing.ErrorInfo().GetProperty("reason").GetString());
        Assert.Equal("rapport.v1", missing.ErrorInfo().GetProperty("domain").GetString());
        Assert.Equal("marketing", missing.ErrorInfo().GetProperty("metadata").GetProperty("purpose").GetString());
        Assert.Equal(PermissionDenied, revoked.Code());
        Assert.Equal("CONSENT_REVOKED", revoked.ErrorInfo().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Upsert_creates_then_updates_only_the_masked_fields_then_delete_removes()
    {
        var created = await Call("upsert", new { contact = new { displayName = "Dee Partner", email = "dee@example.net", company = "Old Co" } });
        Assert.Equal(Ok, created.Code());
        var name = created.Response().GetProperty("name").GetString();

        var updated = await Call("upsert", new
        {
            contact = new { name, displayName = "ignored", company = "New Co" },
            updateMask = new { paths = new[] { "company" } },
        });
        Assert.Equal(Ok, updated.Code());
        Assert.Equal("Dee Partner", updated.Response().GetProperty("displayName").GetString());
        Assert.Equal("New Co", updated.Response().GetProperty("company").GetString());

        var badMask = await Call("upsert", new { contact = new { name, company = "X" }, updateMask = new { paths = new[] { "create_time" } } });
        Assert.Equal(InvalidArgument, badMask.Code());

        Assert.Equal(Ok, (await Call("delete", new { name })).Code());
        Assert.Equal(NotFound, (await Call("get", new { name })).Code());
    }

    [Fact]
    public async Task Interactions_log_then_timeline_streams_newest_first()
    {
        var logged = await Call("log", new { contact = host.MarketingContact, type = "email", summary = "newsletter" });
        var timeline = await Call("timeline", new { contact = host.MarketingContact });

        Assert.Equal(Ok, logged.Code());
        Assert.Equal("partner:mailer", logged.Response().GetProperty("author").GetString());
        Assert.Equal(Ok, timeline.Code());
        var summaries = timeline.GetProperty("summaries").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal("newsletter", summaries[0]);
        Assert.Equal(["call 3", "call 2", "call 1"], summaries.Where(s => s!.StartsWith("call", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Timeline_of_an_unknown_contact_ends_the_stream_with_not_found()
    {
        var result = await Call("timeline", new { contact = $"contacts/{Guid.NewGuid():N}" });

        Assert.Equal(NotFound, result.Code());
    }

    [Fact]
    public async Task Deals_create_move_close_and_forecast()
    {
        var created = await Call("createDeal", new { contact = host.NoConsentContact, pipeline = "sales", title = "Renewal", value = "1200", currency = "EUR" });
        Assert.Equal(Ok, created.Code());
        var name = created.Response().GetProperty("name").GetString();

        var moved = await Call("moveDeal", new { name, stage = "proposal" });
        Assert.Equal("proposal", moved.Response().GetProperty("stage").GetString());

        var forecast = await Call("forecast", new { pipeline = "sales" });
        Assert.Equal(Ok, forecast.Code());
        Assert.Contains(forecast.Response().GetProperty("lines").EnumerateArray(), l => l.GetProperty("weighted").GetString() == "600.00");

        var lost = await Call("closeDeal", new { name, outcome = "LOST", reason = "budget" });
        Assert.Equal("lost", lost.Response().GetProperty("status").GetString());
        Assert.Equal("budget", lost.Response().GetProperty("lostReason").GetString());
    }

    [Fact]
    public async Task Consent_status_and_receipts()
    {
        var granted = await Call("consentStatus", new { contact = host.MarketingContact, purpose = "marketing.email" });
        var revoked = await Call("consentStatus", new { contact = host.RevokedConsentContact, purpose = "marketing" });
        var receipts = await Call("receipts", new { contact = host.RevokedConsentContact });

        Assert.True(granted.Response().GetProperty("allowed").GetBoolean());
        Assert.Equal("granted", granted.Response().GetProperty("status").GetString());
        Assert.Equal("revoked", revoked.Response().GetProperty("status").GetString());
        Assert.Equal(2, receipts.Response().GetProperty("receipts").GetArrayLength());
    }

    [Fact]
    public async Task Policy_evaluate_and_batch_return_decisions_with_reasons()
    {
        var one = await Call("evaluate", new { action = "export_for_marketing", contact = host.NoConsentContact });
        var batch = await Call("evaluateBatch", new { action = "export_for_marketing", contacts = new[] { host.MarketingContact, host.NoConsentContact } });

        Assert.Equal(Ok, one.Code());
        Assert.False(one.Response().GetProperty("allowed").GetBoolean());
        Assert.Contains("CONSENT_MARKETING_MISSING", one.Response().GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([true, false], batch.Response().GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("allowed").GetBoolean()));
    }

    [Fact]
    public async Task Missing_invalid_and_revoked_keys_are_unauthenticated()
    {
        var none = await Call("noKey");
        var wrong = await Call("list", null, "rpk_0123456789ab_notthesecret");
        var revoked = await Call("list", null, host.RevokedKey);

        Assert.Equal(Unauthenticated, none.Code());
        Assert.Equal(Unauthenticated, wrong.Code());
        Assert.Equal(Unauthenticated, revoked.Code());
        Assert.Equal("PARTNER_KEY_REVOKED", revoked.ErrorInfo().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Missing_scope_is_permission_denied_with_the_scope_in_error_info()
    {
        var result = await Call("upsert", new { contact = new { displayName = "Nope" } }, host.ReadOnlyKey);

        Assert.Equal(PermissionDenied, result.Code());
        Assert.Equal("SCOPE_MISSING", result.ErrorInfo().GetProperty("reason").GetString());
        Assert.Equal("contacts:write", result.ErrorInfo().GetProperty("metadata").GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Exceeding_the_rate_limit_is_resource_exhausted_with_retry_info()
    {
        var result = await RapportClient.RunAsync("burst", host.Address, host.ThrottledKey, "5");

        var codes = result.GetProperty("codes").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Contains(ResourceExhausted, codes);
        var details = result.GetProperty("limited").EnumerateArray().ToList();
        var retry = details.Single(d => d.GetProperty("type").GetString() == "RetryInfo");
        Assert.InRange(retry.GetProperty("delayMs").GetInt32(), 1, 20_000);
        Assert.Contains(details, d => d.GetProperty("type").GetString() == "ErrorInfo" && d.GetProperty("reason").GetString() == "RATE_LIMITED");
    }

    [Fact]
    public async Task Deadline_exceeded_and_cancellation_leave_the_server_serving()
    {
        var deadline = await Call("deadline");
        var cancelled = await Call("cancel");

        Assert.Equal(DeadlineExceeded, deadline.Code());
        Assert.Equal(Cancelled, cancelled.Code());
        Assert.Equal(Ok, (await Call("get", new { name = host.MarketingContact })).Code());
    }

    [Fact]
    public async Task Oversized_message_is_resource_exhausted()
    {
        var result = await Call("oversized");

        Assert.Equal(ResourceExhausted, result.Code());
        Assert.True(host.HostIsRunning);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_accepted()
    {
        var result = await Call("gzipList", "Lovelace");

        Assert.Equal(Ok, result.Code());
        Assert.Equal(1, result.Response().GetProperty("contacts").GetArrayLength());
    }

    [Fact]
    public async Task Health_check_and_watch_report_serving()
    {
        var server = await Call("health");
        var contacts = await RapportClient.RunAsync("health", host.Address, null, "rapport.v1.ContactsService");

        Assert.Equal("SERVING", server.GetProperty("check").GetProperty("status").GetString());
        Assert.Equal("SERVING", server.GetProperty("watch").GetProperty("status").GetString());
        Assert.Equal("SERVING", contacts.GetProperty("check").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reflection_lists_the_rapport_services()
    {
        var result = await Call("reflection", "rapport.v1.ScoringService");

        var services = result.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        foreach (var name in new[] { "ContactsService", "InteractionsService", "DealsService", "ConsentService", "PolicyService", "ScoringService" })
        {
            Assert.Contains($"rapport.v1.{name}", services);
        }

        Assert.Contains("grpc.health.v1.Health", services);

        // As grpcurl describes a service: the file declaring it, with its methods.
        var files = result.GetProperty("files").EnumerateArray()
            .Select(f => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(Convert.FromBase64String(f.GetString()!)))
            .ToList();
        var scoring = files.SelectMany(f => f.Service).Single(s => s.Name == "ScoringService");
        Assert.Equal(["GetScore", "ExplainScore"], scoring.Method.Select(m => m.Name));
        Assert.Equal(".rapport.v1.GetScoreRequest", scoring.Method[0].InputType);
    }

    [Fact]
    public async Task Bad_input_on_the_wire_gets_a_status_and_the_host_keeps_serving()
    {
        using var http = new HttpClient();
        async Task<(HttpStatusCode Http, string? Grpc)> Send(string path, byte[] body, string contentType = "application/grpc")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Address, path))
            {
                Content = new ByteArrayContent(body),
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.TryAddWithoutValidation("authorization", $"Bearer {host.FullKey}");
            request.Headers.TE.ParseAdd("trailers");
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
                : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : $"none (HTTP {(int)response.StatusCode} {response.Version}; {response.Headers}; {response.TrailingHeaders})";
            return (response.StatusCode, status);
        }

        const string list = "/rapport.v1.ContactsService/ListContacts";
        Assert.Equal(((int)Internal).ToString(), (await Send(list, [0, 0, 0]))!.Grpc);                      // truncated prefix
        Assert.Equal(((int)Internal).ToString(), (await Send(list, [0, 0, 0, 0, 9, 1]))!.Grpc);             // truncated message
        Assert.Equal(((int)Internal).ToString(), (await Send(list, [0, 0, 0, 0, 2, 0xFF, 0xFF]))!.Grpc);    // invalid protobuf
        Assert.Equal(((int)Unimplemented).ToString(), (await Send("/rapport.v1.ContactsService/Nope", [0, 0, 0, 0, 0]))!.Grpc);
        Assert.Equal(((int)Unimplemented).ToString(), (await Send("/rapport.v1.NoSuchService/Get", [0, 0, 0, 0, 0]))!.Grpc);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Send(list, [0, 0, 0, 0, 0], "application/json")).Http);

        using var http1 = new HttpClient();
        using var h1 = await http1.PostAsync(new Uri(host.Address, list), new ByteArrayContent([0, 0, 0, 0, 0]))
            .ContinueWith(t => t.IsFaulted ? null : t.Result, TaskScheduler.Default);
        Assert.True(h1 is null || !h1.IsSuccessStatusCode);

        Assert.True(host.HostIsRunning);
        Assert.Equal(Ok, (await Call("get", new { name = host.MarketingContact })).Code());
    }
}
