using Microsoft.Extensions.Logging.Abstractions;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Opens (or creates) the chain state under <paramref name="dataDirectory"/>: the block store
    /// (repairing what an unclean stop left), the block index rebuilt from its rows (genesis stored
    /// on a fresh directory), and the best chain (<see cref="ChainView.FileName"/>) reconciled with
    /// the committed tip. A committed tip whose branch lost block bytes falls back to the last block
    /// below the loss; then the best fully available chain is activated.
    /// </summary>
    public static ChainState Open(string dataDirectory, ChainParams chainParams, ChainStateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chainParams);
        options ??= new ChainStateOptions();
        options.Validate();
        var logger = options.Logger ?? NullLogger.Instance;
        var store = BlockStore.Open(dataDirectory, chainParams.Magic, options.Store, logger);
        ChainView? view = null;
        try
        {
            var index = BlockIndexLoader.Load(store);
            if (index.Count == 0) StoreGenesis(store, index, chainParams);
            else if (index[index.Genesis].Hash != chainParams.GenesisHash)
                throw new ChainStateException(ChainStateError.GenesisMismatch,
                    $"the stored chain starts at {index[index.Genesis].Hash}, not at {chainParams.Name}'s genesis {chainParams.GenesisHash}");

            int committedTip = CommittedTip(store, index);
            view = ChainView.Open(dataDirectory, index, committedTip);
            if (view.Tip != committedTip) view.SetTip(committedTip);

            var state = new ChainState(chainParams, options, store, index, view, logger);
            state.Start();
            return state;
        }
        catch
        {
            view?.Dispose();
            store.Dispose();
            throw;
        }
    }

    private static void StoreGenesis(BlockStore store, BlockIndex index, ChainParams chainParams)
    {
        var bytes = chainParams.GenesisBlockBytes.Span;
        int id = index.Add(chainParams.GenesisHeader, chainParams.GenesisHash);
        index.SetStatus(id, BlockStatus.HeaderValid | BlockStatus.FullyValidated);
        index.SetDataLocation(id, store.AppendBlock(bytes));
        store.StageRow(BlockIndexLoader.RowOf(index, id));
        store.Commit(chainParams.GenesisHash);
    }

    private static int CommittedTip(BlockStore store, BlockIndex index)
    {
        if (store.Tip.IsZero) return index.Genesis;
        return index.TryGet(store.Tip, out int id) ? id
            : throw new ChainStateException(ChainStateError.UnknownTip, $"the committed tip {store.Tip} has no block index row");
    }

    private void Start()
    {
        FallBackBelowLostBlocks();
        foreach (var checkpoint in _headerValidator.Params.Checkpoints)
            if (_index.TryGet(checkpoint.Hash, out _)) _lastCheckpointHeight = Math.Max(_lastCheckpointHeight, checkpoint.Height);

        _selector.SetFloor(_view.Tip);
        for (int id = 0; id < _index.Count; id++)
            if ((_index[id].Status & BlockStatus.DataStored) != 0) _selector.DataStored(id);

        ActivateBestChain();
        if (_dirty.Count > 0 || _store.Tip != Tip) Commit();
    }

    /// <summary>Storage recovery dropped the bytes of blocks on the best chain: the tip returns to the block below the lowest.</summary>
    private void FallBackBelowLostBlocks()
    {
        int lowest = int.MaxValue;
        foreach (var dropped in _store.Recovery.DroppedBlocks)
            if (_index.TryGet(dropped.Hash, out int id) && _view.Contains(id)) lowest = Math.Min(lowest, _index[id].Height);
        if (lowest == int.MaxValue) return;

        int tip = _view.NodeByHeight(Math.Max(lowest - 1, 0));
        ChainLog.TipFellBack(_logger, lowest, Tip, _index[tip].Hash);
        _view.SetTip(tip);
    }
}
