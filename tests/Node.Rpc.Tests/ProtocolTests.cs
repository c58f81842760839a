using System.Net;
using System.Text.Json.Nodes;

namespace Node.Rpc.Tests;

/// <summary>Core's JSON-RPC 1.0 / 2.0 / batch semantics over raw HTTP (httprpc.cpp HTTPReq_JSONRPC, request.cpp).</summary>
public sealed class ProtocolTests(RpcNode node) : IClassFixture<RpcNode>
{
    private Task<RawHttp.Response> Post(string body) => RawHttp.PostAsync(node.Url, body, "__cookie__", node.CookiePassword);

    [Fact]
    public async Task Legacy_success_carries_result_error_and_id()
    {
        var r = await Post("""{"method":"getblockcount","params":[],"id":7}""");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("application/json", r.ContentType);
        Assert.Equal("{\"result\":438,\"error\":null,\"id\":7}\n", r.Body);
    }

    [Fact]
    public async Task Legacy_errors_use_http_status_codes()
    {
        var notFound = await Post("""{"method":"nosuch","id":"a"}""");
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"a\"}\n", notFound.Body);

        var outOfRange = await Post("""{"jsonrpc":"1.0","method":"getblockhash","params":[439],"id":1}""");
        Assert.Equal(HttpStatusCode.InternalServerError, outOfRange.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":1}\n", outOfRange.Body);

        var invalid = await Post("""{"params":[],"id":2}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"Missing method\"},\"id\":2}\n", invalid.Body);

        var parse = await Post("{\"method\":");
        Assert.Equal(HttpStatusCode.InternalServerError, parse.Status);
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}\n", parse.Body);

        var scalar = await Post("42");
        Assert.Equal(HttpStatusCode.InternalServerError, scalar.Status);
        Assert.Equal(-32700, (int)scalar.Json["error"]!["code"]!);
        Assert.Equal("Top-level object parse error", (string?)scalar.Json["error"]!["message"]);
    }

    [Fact]
    public async Task A_legacy_request_without_id_is_answered_without_id()
    {
        var r = await Post("""{"method":"getblockcount"}""");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("{\"result\":438,\"error\":null}\n", r.Body);
    }

    [Fact]
    public async Task Version_2_answers_with_one_member_and_http_200_even_for_errors()
    {
        var ok = await Post("""{"jsonrpc":"2.0","method":"getblockhash","params":[0],"id":1}""");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"result\":\"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f\",\"id\":1}\n", ok.Body);

        var missing = await Post("""{"jsonrpc":"2.0","method":"nosuch","id":2}""");
        Assert.Equal(HttpStatusCode.OK, missing.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":2}\n", missing.Body);

        var notFound = await Post($$"""{"jsonrpc":"2.0","method":"getblock","params":["{{new string('0', 64)}}"],"id":3}""");
        Assert.Equal(HttpStatusCode.OK, notFound.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-5,\"message\":\"Block not found\"},\"id\":3}\n", notFound.Body);

        var decode = await Post("""{"jsonrpc":"2.0","method":"submitblock","params":["00"],"id":4}""");
        Assert.Equal(-22, (int)decode.Json["error"]!["code"]!);
    }

    [Fact]
    public async Task Version_2_request_errors_still_fail_at_the_http_level()
    {
        var r = await Post("""{"jsonrpc":"2.0","method":5,"id":9}""");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method must be a string\"},\"id\":9}\n", r.Body);

        var version = await Post("""{"jsonrpc":"3.0","method":"getblockcount","id":1}""");
        Assert.Equal(HttpStatusCode.BadRequest, version.Status);
        Assert.Equal("JSON-RPC version not supported", (string?)version.Json["error"]!["message"]);
    }

    [Fact]
    public async Task Version_2_notifications_run_but_get_204_and_no_body()
    {
        var r = await Post("""{"jsonrpc":"2.0","method":"stop"}""");
        Assert.Equal(HttpStatusCode.NoContent, r.Status);
        Assert.Equal("", r.Body);
        await node.Control.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(30));

        var failing = await Post("""{"jsonrpc":"2.0","method":"nosuch"}""");
        Assert.Equal(HttpStatusCode.NoContent, failing.Status);
    }

    [Fact]
    public async Task Batches_answer_each_element_independently_in_http_200()
    {
        var r = await Post("""
            [
              {"method":"getblockcount","id":1},
              {"jsonrpc":"2.0","method":"nosuch","id":2},
              {"jsonrpc":"2.0","method":"getblockcount"},
              {"method":"getblockhash","params":[439],"id":3},
              17,
              {"jsonrpc":"2.0","method":"getbestblockhash","id":4}
            ]
            """);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        var replies = r.Json.AsArray();
        Assert.Equal(5, replies.Count);
        Assert.Equal("{\"result\":438,\"error\":null,\"id\":1}", replies[0]!.ToJsonString());
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":2}", replies[1]!.ToJsonString());
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":3}", replies[2]!.ToJsonString());
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request object\"},\"id\":null}", replies[3]!.ToJsonString());
        Assert.Equal(RpcNode.HashAt(438).ToString(), (string?)replies[4]!["result"]);
    }

    [Fact]
    public async Task An_empty_batch_is_an_empty_array_and_an_all_notification_batch_is_204()
    {
        var empty = await Post("[]");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("[]\n", empty.Body);

        var notifications = await Post("""[{"jsonrpc":"2.0","method":"getblockcount"},{"jsonrpc":"2.0","method":"uptime"}]""");
        Assert.Equal(HttpStatusCode.NoContent, notifications.Status);
        Assert.Equal("", notifications.Body);
    }

    [Fact]
    public async Task Type_errors_name_the_position_and_the_expected_type()
    {
        var r = await Post("""{"method":"getblockheader","params":[5, "yes"],"id":1}""");
        Assert.Equal(HttpStatusCode.InternalServerError, r.Status);
        Assert.Equal(-3, (int)r.Json["error"]!["code"]!);
        Assert.Equal(
            "Wrong type passed:\n{\n    \"Position 1 (blockhash)\": \"JSON value of type number is not of expected type string\",\n    \"Position 2 (verbose)\": \"JSON value of type string is not of expected type bool\"\n}",
            (string?)r.Json["error"]!["message"]);
    }

    [Fact]
    public async Task Named_and_null_arguments_map_like_core()
    {
        var r = await Post($$"""{"jsonrpc":"2.0","method":"getblockheader","params":{"blockhash":"{{RpcNode.HashAt(1)}}","verbose":false},"id":1}""");
        Assert.Equal(Convert.ToHexStringLower(RpcNode.Blocks.Value[1].AsSpan(0, 80)), (string?)r.Json["result"]);

        var twice = await Post($$"""{"method":"getblockhash","params":{"height":1,"height":2},"id":1}""");
        Assert.Equal("{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Parameter height specified multiple times\"},\"id\":1}\n", twice.Body);

        var nullVerbose = await Post($$"""{"jsonrpc":"2.0","method":"getblock","params":["{{RpcNode.HashAt(1)}}", null],"id":2}""");
        Assert.Equal(1, (int)nullVerbose.Json["result"]!["height"]!);
    }

    [Fact]
    public async Task Concurrent_requests_read_the_chain_consistently()
    {
        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            int height = i % 439;
            var r = await Post($$"""{"jsonrpc":"2.0","method":"getblockheader","params":["{{RpcNode.HashAt(height)}}"],"id":{{i}}}""");
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal(i, (int)r.Json["id"]!);
            Assert.Equal(height, (int)r.Json["result"]!["height"]!);
            Assert.Equal(438 - height + 1, (int)r.Json["result"]!["confirmations"]!);
        });
        await Task.WhenAll(requests);
    }
}
