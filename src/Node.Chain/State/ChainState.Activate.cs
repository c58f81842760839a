using Node.Chain.Index;
using Node.Primitives;

namespace Node.Chain.State;

public sealed partial class ChainState
{
    /// <summary>
    /// Core's ActivateBestChain: while a fully available branch has more work than the tip, move
    /// to it, disconnecting down to the fork and connecting upward. Nothing moves while the best
    /// header chain has less than the minimum chain work (Core downloads no blocks for such chains).
    /// </summary>
    private void ActivateBestChain()
    {
        if (_index[_index.BestHeader].ChainWork < _minimumChainWork) return;
        for (int best = _selector.FindMoreWorkThan(_view.Tip); best != BlockIndex.None; best = _selector.FindMoreWorkThan(_view.Tip))
            SwitchTo(best);
        _selector.SetFloor(_view.Tip);
    }

    private void SwitchTo(int target)
    {
        int fork = _view.FindFork(target);
        int disconnected = 0;
        while (_view.Tip != fork)
        {
            DisconnectTip();
            disconnected++;
        }
        if (disconnected > 0) ChainLog.Reorganized(_logger, disconnected, _index[fork].Hash, _index[fork].Height);

        // The usual case during sync: the target extends the tip by one block.
        if (_index.Parent(target) == fork)
        {
            ConnectTip(target);
            return;
        }
        var path = new Stack<int>();
        for (int walk = target; walk != fork; walk = _index.Parent(walk)) path.Push(walk);
        while (path.TryPop(out int next)) ConnectTip(next);
    }

    /// <summary>
    /// Connects a block whose checks all passed when it was accepted (no UTXO set yet, so nothing
    /// more can fail here): it becomes fully validated and the tip.
    /// </summary>
    private void ConnectTip(int id)
    {
        _index.SetStatus(id, BlockStatus.FullyValidated);
        _dirty.Add(id);
        _view.SetTip(id);
        BlockConnected?.Invoke(Describe(id));
    }

    private void DisconnectTip()
    {
        int tip = _view.Tip;
        _view.SetTip(_index.Parent(tip));
        _selector.AddCandidate(tip);
        BlockDisconnected?.Invoke(Describe(tip));
    }
}
