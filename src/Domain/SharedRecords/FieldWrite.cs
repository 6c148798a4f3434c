namespace Rapport.Domain.SharedRecords;

/// <summary>One field's register as carried in a delta.</summary>
public sealed record FieldWrite(string Key, LwwRegister<string> Register);
