using Microsoft.Extensions.Logging;
using Node.Primitives;

namespace Node.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Stored block {Hash} is corrupt ({Error}) at blk{File:D5}.dat offset {Offset}, length {Length}; not served")]
    public static partial void CorruptBlock(ILogger logger, Hash256 hash, StorageError error, int file, uint offset, uint length);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Discarded {Bytes} uncommitted flat-file bytes and {Files} uncommitted files")]
    public static partial void DiscardedUncommitted(ILogger logger, long bytes, int files);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Block {Hash} at height {Height} lost its bytes ({Error}); kept as header only")]
    public static partial void DroppedBlock(ILogger logger, Hash256 hash, int height, StorageError error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Chain tip rolled back from {From} to {To}: the newer blocks' bytes are not intact")]
    public static partial void TipRolledBack(ILogger logger, Hash256 from, Hash256 to);
}
