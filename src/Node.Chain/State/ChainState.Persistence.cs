namespace Node.Chain.State;

public sealed partial class ChainState
{
    private int _blocksSinceCommit;
    private DateTimeOffset _lastCommit;

    /// <summary>Blocks stored since the last commit.</summary>
    public int UncommittedBlocks => _blocksSinceCommit;

    /// <summary>
    /// Makes everything durable now, in Core's order: the block bytes are synced, then the index
    /// rows that changed and the tip are committed as one synced batch; then the best-chain file.
    /// </summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Commit();
    }

    private void CommitIfDue()
    {
        if (_blocksSinceCommit >= _options.CommitEveryBlocks ||
            (_dirty.Count > 0 && _options.Clock.GetUtcNow() - _lastCommit >= _options.CommitInterval))
            Commit();
    }

    private void Commit()
    {
        foreach (int id in _dirty) _store.StageRow(BlockIndexLoader.RowOf(_index, id));
        _store.Commit(Tip);
        _view.Flush();
        _dirty.Clear();
        _blocksSinceCommit = 0;
        _lastCommit = _options.Clock.GetUtcNow();
    }

    /// <summary>Commits what is pending and closes the store and the best-chain file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            Commit();
        }
        finally
        {
            Close();
        }
    }

    /// <summary>
    /// Test hook for crash consistency: closes the files without committing, as if the process
    /// died here. Whatever was appended or changed since the last commit is lost or ignored at the next open.
    /// </summary>
    internal void AbandonWithoutCommit() => Close();

    private void Close()
    {
        _disposed = true;
        _view.Dispose();
        _store.Dispose();
    }
}
