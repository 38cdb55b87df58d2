using System.Text;

namespace Journeys.Ingest.Files;

/// <summary>
/// Splits one delimited line (a product feed's or a dataset's). The datasets never quote in the copies we have, but the
/// full REES46 months are exported by a tool that may, and so may a shop's feed export, so a quoted field (with "" as an
/// escaped quote) is honoured rather than mis-split.
/// </summary>
public static class CsvFields
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
