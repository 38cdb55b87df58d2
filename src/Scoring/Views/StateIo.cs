namespace Journeys.Scoring.Views;

/// <summary>Small helpers the views' state writers share: nullable values and counts that must be sane on read.</summary>
internal static class StateIo
{
    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static void WriteNullable(this BinaryWriter writer, long? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v) writer.Write(v);
    }

    public static long? ReadNullableInt64(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadInt64() : null;

    /// <summary>A count written by <see cref="BinaryWriter.Write7BitEncodedInt"/>, refused when above <paramref name="max"/>
    /// (a damaged state must not allocate without bound).</summary>
    public static int ReadCount(this BinaryReader reader, int max, string what)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > max)
        {
            throw new InvalidDataException($"View state: {count} {what}, more than the {max} the options allow");
        }
        return count;
    }

    /// <summary>Fails when a setting the state depends on differs from the running one (the state is then not used).</summary>
    public static void Expect(this BinaryReader reader, long running, string setting)
    {
        var stored = reader.ReadInt64();
        if (stored != running)
        {
            throw new InvalidDataException($"View state was written with {setting} = {stored}, the engine runs with {running}");
        }
    }
}
