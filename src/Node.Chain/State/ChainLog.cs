using Microsoft.Extensions.Logging;
using Node.Chain.Validation;
using Node.Primitives;

namespace Node.Chain.State;

internal static partial class ChainLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Block bytes lost at height {Height}: the tip returns from {OldTip} to {NewTip}")]
    public static partial void TipFellBack(ILogger logger, int height, Hash256 oldTip, Hash256 newTip);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Block {Hash} at height {Height} is invalid ({Error}); it and {Descendants} descendants are marked failed")]
    public static partial void InvalidBlock(ILogger logger, Hash256 hash, int height, BlockRuleError error, int descendants);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Reorganization: {Disconnected} blocks disconnected down to {Fork} at height {ForkHeight}")]
    public static partial void Reorganized(ILogger logger, int disconnected, Hash256 fork, int forkHeight);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Block {Hash} at height {Height} invalidated by request, with {Descendants} descendants")]
    public static partial void BlockInvalidated(ILogger logger, Hash256 hash, int height, int descendants);
}
