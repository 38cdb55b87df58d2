using System.Text;

namespace Journeys.Ingest.Datasets;

/// <summary>
/// Splits one delimited line. The datasets read here never quote in the copies we have, but the full REES46 months are
/// exported by a tool that may, so a quoted field (with "" as an escaped quote) is honoured rather than mis-split.
/// </summary>
internal static class CsvFields
{
    public static string[] Split(string line, char separator)
    {
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(separator);
        }
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
