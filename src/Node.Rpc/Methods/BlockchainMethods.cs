using System.Text.Json;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Rpc.Backends;
using Node.Rpc.Codec;
using Node.Rpc.Protocol;
using static Node.Rpc.Protocol.RpcParam;

namespace Node.Rpc.Methods;

/// <summary>Core's blockchain category (rpc/blockchain.cpp) and submitblock/submitheader (rpc/mining.cpp).</summary>
internal static class BlockchainMethods
{
    private const string Category = "blockchain";

    public static void Register(RpcMethodTable table)
    {
        table.Add(new("getblockchaininfo", Category, "Returns an object containing various state info regarding blockchain processing.", [],
            "{ \"chain\", \"blocks\", \"headers\", \"bestblockhash\", \"bits\", \"target\", \"difficulty\", \"time\", \"mediantime\", \"verificationprogress\", \"initialblockdownload\", \"chainwork\", \"size_on_disk\", \"pruned\", \"warnings\" }",
            GetBlockchainInfo));
        table.Add(new("getblockcount", Category, "Returns the height of the most-work fully-validated chain.\nThe genesis block has height 0.", [],
            "n    (numeric) The current block count", (c, w) => w.WriteNumberValue(c.Context.Blockchain.GetSummary().Height)));
        table.Add(new("getbestblockhash", Category, "Returns the hash of the best (tip) block in the most-work fully-validated chain.", [],
            "\"hex\"    (string) the block hash, hex-encoded", (c, w) => w.WriteStringValue(c.Context.Blockchain.GetSummary().BestBlockHash.ToString())));
        table.Add(new("getblockhash", Category, "Returns hash of block in best-block-chain at height provided.",
            [Required("height", RpcParamType.Number, "The height index")],
            "\"hex\"    (string) The block hash", GetBlockHash));
        table.Add(new("getblockheader", Category, "If verbose is false, returns a string that is serialized, hex-encoded data for blockheader 'hash'.\nIf verbose is true, returns an Object with information about blockheader <hash>.",
            [Required("blockhash", RpcParamType.String, "The block hash"), Opt("verbose", RpcParamType.Bool, "true for a json object, false for the hex-encoded data", "true")],
            "{ \"hash\", \"confirmations\", \"height\", \"version\", \"versionHex\", \"merkleroot\", \"time\", \"mediantime\", \"nonce\", \"bits\", \"target\", \"difficulty\", \"chainwork\", \"nTx\", \"previousblockhash\", \"nextblockhash\" } or \"hex\"",
            GetBlockHeader));
        table.Add(new("getblock", Category, "If verbosity is 0, returns a string that is serialized, hex-encoded data for block 'hash'.\nIf verbosity is 1, returns an Object with information about block <hash>.\nIf verbosity is 2, returns an Object with information about block <hash> and information about each transaction.\nIf verbosity is 3, returns an Object with information about block <hash> and information about each transaction, including prevout information for inputs (only for unpruned blocks in the current best chain).",
            [Required("blockhash", RpcParamType.String, "The block hash"), Opt("verbosity", RpcParamType.Any, "0 for hex-encoded data, 1 for a JSON object, 2 for JSON object with transaction data, and 3 for JSON object with transaction data including prevout information for inputs (a boolean is read as 0 or 1)", "1")],
            "\"hex\" or { header fields, \"strippedsize\", \"size\", \"weight\", \"tx\": [\"txid\", ...] or [ { decoded transaction as decoderawtransaction, then \"hex\" }, ... ] }", GetBlock));
        table.Add(new("getchaintips", Category, "Return information about all known tips in the block tree, including the main chain as well as orphaned branches.", [],
            "[ { \"height\", \"hash\", \"branchlen\", \"status\" }, ... ]", GetChainTips));
        // No index runs here (no txindex, coinstatsindex or blockfilterindex): Core's answer for none, filtered or not.
        table.Add(new("getindexinfo", "util", "Returns the status of one or all available indices currently running in the node.",
            [Opt("index_name", RpcParamType.String, "Filter results for an index with a specific name.")],
            "{ \"name\": { \"synced\", \"best_block_height\" }, ... }    (json object) empty: no index runs on this node", (c, w) =>
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }));
        table.Add(new("getdifficulty", Category, "Returns the proof-of-work difficulty as a multiple of the minimum difficulty.", [],
            "n.nnn    (numeric) the proof-of-work difficulty as a multiple of the minimum difficulty.", GetDifficulty));
        table.Add(new("submitblock", "mining", "Attempts to submit new block to network.",
            [Required("hexdata", RpcParamType.String, "the hex-encoded block data to submit"), Opt("dummy", RpcParamType.String, "dummy value, for compatibility with BIP22. This value is ignored.")],
            "null, \"duplicate\", \"duplicate-invalid\", \"inconclusive\" or the reject reason", SubmitBlock));
        table.Add(new("submitheader", "mining", "Decode the given hexdata as a header and submit it as a candidate chain tip if valid.\nThrows when the header is invalid.",
            [Required("hexdata", RpcParamType.String, "the hex-encoded block header data")],
            "null    (json null) None", SubmitHeader));
    }

    private static BlockEntry Tip(IBlockchainRpcBackend chain, out ChainSummary summary)
    {
        summary = chain.GetSummary();
        return chain.TryGetEntry(summary.BestBlockHash, out var tip) ? tip : throw new InvalidOperationException("the tip has no block index entry");
    }

    private static void GetBlockchainInfo(RpcCall call, Utf8JsonWriter w)
    {
        var chain = call.Context.Blockchain;
        var tip = Tip(chain, out var s);
        w.WriteStartObject();
        w.WriteString("chain"u8, chain.Params.Name);
        w.WriteNumber("blocks"u8, s.Height);
        w.WriteNumber("headers"u8, s.HeadersHeight);
        w.WriteString("bestblockhash"u8, s.BestBlockHash.ToString());
        w.WriteString("bits"u8, DifficultyView.Bits(tip.Header.Bits));
        w.WriteString("target"u8, DifficultyView.Target(tip.Header.Bits));
        w.WriteNumber("difficulty"u8, DifficultyView.Of(tip.Header.Bits));
        w.WriteNumber("time"u8, tip.Header.Time);
        w.WriteNumber("mediantime"u8, tip.MedianTimePast);
        w.WriteNumber("verificationprogress"u8, s.VerificationProgress);
        w.WriteBoolean("initialblockdownload"u8, s.InitialBlockDownload);
        w.WriteString("chainwork"u8, tip.ChainWork.ToString());
        w.WriteNumber("size_on_disk"u8, s.SizeOnDisk);
        w.WriteBoolean("pruned"u8, s.Pruned);
        if (chain.Params.SignetBlocks) w.WriteString("signet_challenge"u8, Convert.ToHexStringLower(chain.Params.SignetChallenge.Span));
        w.WriteStartArray("warnings"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void GetBlockHash(RpcCall call, Utf8JsonWriter w)
    {
        int height = call.GetInt32(0, 0);
        if (!call.Context.Blockchain.TryGetHashAtHeight(height, out var hash)) throw new RpcException(RpcErrorCode.InvalidParameter, "Block height out of range");
        w.WriteStringValue(hash.ToString());
    }

    private static BlockEntry Entry(RpcCall call)
    {
        var hash = call.GetHash(0);
        return call.Context.Blockchain.TryGetEntry(hash, out var entry) ? entry : throw RpcException.BlockNotFound();
    }

    private static void GetBlockHeader(RpcCall call, Utf8JsonWriter w)
    {
        var entry = Entry(call);
        if (call.GetBool(1, true))
        {
            BlockJson.WriteHeader(w, entry);
            return;
        }
        Span<byte> raw = stackalloc byte[BlockHeader.Size];
        entry.Header.Write(raw);
        w.WriteStringValue(Convert.ToHexStringLower(raw));
    }

    private static void GetBlock(RpcCall call, Utf8JsonWriter w)
    {
        var entry = Entry(call);
        int verbosity = 1;
        if (!call.IsNull(1))
        {
            var v = call.Get(1);
            verbosity = v.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number => call.GetInt32(1, 1),
                _ => throw new RpcException(RpcErrorCode.TypeError, "verbosity must be a number or a boolean"),
            };
        }
        var block = call.Context.Blockchain.ReadBlock(entry.Hash) ?? throw new RpcException(RpcErrorCode.MiscError, "Block not found on disk");
        if (verbosity <= 0) w.WriteStringValue(Convert.ToHexStringLower(block));
        else BlockJson.WriteBlock(w, entry, block, verbosity, call.Context.Blockchain.Params.Type);
    }

    private static void GetChainTips(RpcCall call, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var tip in call.Context.Blockchain.GetChainTips())
        {
            w.WriteStartObject();
            w.WriteNumber("height"u8, tip.Height);
            w.WriteString("hash"u8, tip.Hash.ToString());
            w.WriteNumber("branchlen"u8, tip.BranchLength);
            w.WriteString("status"u8, tip.Status switch
            {
                ChainTipStatus.Active => "active",
                ChainTipStatus.ValidFork => "valid-fork",
                ChainTipStatus.ValidHeaders => "valid-headers",
                ChainTipStatus.HeadersOnly => "headers-only",
                _ => "invalid",
            });
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void GetDifficulty(RpcCall call, Utf8JsonWriter w) => w.WriteNumberValue(DifficultyView.Of(Tip(call.Context.Blockchain, out _).Header.Bits));

    /// <summary>Core's DecodeHexBlk: hex, a well-formed block, then a coinbase first; -22 otherwise.</summary>
    private static void SubmitBlock(RpcCall call, Utf8JsonWriter w)
    {
        string hex = call.GetString(0);
        if (hex.Length % 2 != 0 || !RpcCall.IsHex(hex)) throw new RpcException(RpcErrorCode.DeserializationError, "Block decode failed");
        byte[] block = Convert.FromHexString(hex);
        if (block.Length < BlockHeader.Size || !BlockScanner.TryScan(block, [], [], out _, out _) || !BlockReader.TryOpen(block, out var reader, out _))
            throw new RpcException(RpcErrorCode.DeserializationError, "Block decode failed");
        if (reader.TxCount == 0 || !reader.TryReadNext(out TransactionReader coinbase, out _) || !coinbase.IsCoinbase)
            throw new RpcException(RpcErrorCode.DeserializationError, "Block does not start with a coinbase");

        var result = call.Context.Blockchain.SubmitBlock(block);
        switch (result.Status)
        {
            case BlockSubmissionStatus.Connected: w.WriteNullValue(); break;
            case BlockSubmissionStatus.Duplicate: w.WriteStringValue("duplicate"); break;
            case BlockSubmissionStatus.DuplicateInvalid: w.WriteStringValue("duplicate-invalid"); break;
            case BlockSubmissionStatus.Inconclusive: w.WriteStringValue("inconclusive"); break;
            default: w.WriteStringValue(result.RejectReason); break;
        }
    }

    private static void SubmitHeader(RpcCall call, Utf8JsonWriter w)
    {
        string hex = call.GetString(0);
        if (hex.Length % 2 != 0 || hex.Length < 2 * BlockHeader.Size || !RpcCall.IsHex(hex))
            throw new RpcException(RpcErrorCode.DeserializationError, "Block header decode failed");
        var header = BlockHeader.Read(Convert.FromHexString(hex.AsSpan(0, 2 * BlockHeader.Size)));

        var chain = call.Context.Blockchain;
        if (!chain.TryGetEntry(header.PrevBlock, out _)) throw new RpcException(RpcErrorCode.VerifyError, $"Must submit previous header ({header.PrevBlock}) first");
        var result = chain.SubmitHeader(header);
        if (!result.Valid) throw new RpcException(RpcErrorCode.VerifyError, result.Reason);
        w.WriteNullValue();
    }
}
