namespace Node.Net;

public enum PeerDirection : byte
{
    /// <summary>They connected to our listener; they speak first.</summary>
    Inbound,

    /// <summary>We connected to them; we send our version first.</summary>
    Outbound,
}
