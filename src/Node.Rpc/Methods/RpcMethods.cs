using Node.Rpc.Protocol;

namespace Node.Rpc.Methods;

/// <summary>The table of every method this server offers.</summary>
public static class RpcMethods
{
    public static RpcMethodTable CreateTable()
    {
        var table = new RpcMethodTable();
        BlockchainMethods.Register(table);
        NetworkMethods.Register(table);
        MiningMethods.Register(table);
        RawTransactionMethods.Register(table);
        ControlMethods.Register(table);
        return table;
    }
}
