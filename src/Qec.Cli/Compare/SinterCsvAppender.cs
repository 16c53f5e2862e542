using System.Text;

namespace Qec.Cli.Compare;

/// <summary>
/// Appends rows to a sinter CSV, one flushed line at a time, so that a process killed at any moment
/// leaves every earlier row intact and at most one partial last line. Opening a file that exists reads
/// its rows first (they are what a resumed sweep has already done); a partial last line left by a
/// kill is reported and cut off before anything is appended. A new or empty file gets the header.
/// </summary>
public sealed class SinterCsvAppender : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _newline = "\n"u8.ToArray();

    private SinterCsvAppender(FileStream stream, List<StatsRow> existing)
    {
        _stream = stream;
        Existing = existing;
    }

    /// <summary>The rows that were in the file when it was opened.</summary>
    public IReadOnlyList<StatsRow> Existing { get; }

    /// <summary>Opens (creating when absent) <paramref name="path"/>; warnings about a torn last line go to <paramref name="warn"/>.</summary>
    public static SinterCsvAppender Open(string path, Action<string> warn)
    {
        var existing = new List<StatsRow>();
        long keep = -1;
        bool needsHeader = !File.Exists(path) || new FileInfo(path).Length == 0 || File.ReadAllText(path).Trim().Length == 0;
        if (!needsHeader)
        {
            existing = SinterCsv.ReadFile(path, warn, out keep);
            // A kill while the header itself was being written leaves no complete line: start afresh.
            needsHeader = keep == 0;
        }
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (needsHeader)
            {
                stream.SetLength(0);
            }
            else if (keep >= 0)
            {
                stream.SetLength(keep);
            }
            stream.Seek(0, SeekOrigin.End);
            var appender = new SinterCsvAppender(stream, existing);
            if (needsHeader)
            {
                appender.WriteLine(SinterCsv.Header);
            }
            else if (stream.Length > 0 && !EndsWithNewline(stream))
            {
                appender.WriteBytes(appender._newline);
            }
            return appender;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes one row and flushes it to the operating system.</summary>
    public void Append(StatsRow row) => WriteLine(SinterCsv.FormatRow(row));

    private void WriteLine(string line)
    {
        // One write call per line: a kill either keeps the whole line or leaves a detectable torn tail.
        WriteBytes(Encoding.UTF8.GetBytes(line + "\n"));
    }

    private void WriteBytes(byte[] bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        long end = stream.Length;
        stream.Seek(end - 1, SeekOrigin.Begin);
        int last = stream.ReadByte();
        stream.Seek(0, SeekOrigin.End);
        return last == '\n';
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
