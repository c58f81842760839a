namespace Node.Chain.Validation;

/// <summary>A block broke a consensus rule; <see cref="Result"/> says which block, which rule, which transaction.</summary>
public sealed class BlockValidationException(BlockValidationResult result) : Exception(result.ToString())
{
    public BlockValidationResult Result { get; } = result;
    public BlockRuleError Error => Result.Error;
}
