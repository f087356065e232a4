using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;

namespace PeimsRules.Cli;

/// <summary>
/// The one place where the tool meets its user: how it runs a verb (usage errors, bad input and defects each get their
/// exit code), how it writes errors (stderr, control characters escaped, long values cut), and how it writes its
/// outputs (never over an input, files and folders put in place whole, CSV fields safe for spreadsheets).
/// </summary>
internal static class CliOutput
{
    /// <summary>Exit code for bad input (a file problem, a bad option, a usage error, an output that cannot be written).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a defect of the tool: an error it did not expect (with its details on stderr).</summary>
    public const int Defect = 70;

    /// <summary>The exit codes, as the README and --help give them.</summary>
    public const string ExitCodes = "Exit codes: 0 done; 2 bad input or usage (the problem is on stderr, naming the file, line, column and value); anything else is a defect of the tool (please report it).";

    /// <summary>The longest option value or name an error message echoes.</summary>
    public const int EchoedValueLength = 80;

    /// <summary>The marker file of a folder this tool wrote, which it may therefore replace.</summary>
    public const string FolderMarker = ".peimsrules-output";

    /// <summary>The option names whose value is a file or folder the verb writes.</summary>
    private static readonly HashSet<string> OutputOptions = new(StringComparer.Ordinal)
    {
        "--output", "--findings", "--summary", "--special-programs-output", "--save-snapshot", "--explain",
    };

    /// <summary>Parses and runs a command line: the tool's only entry point.</summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        TerminalError = Console.Error;
        Console.SetError(new TerminalSafeWriter(Console.Error));
        var encoding = new Option<string>("--encoding")
        {
            Description = "The encoding of the input files: utf-8 (with or without a byte order mark) or windows-1252 (many Texas SIS exports).",
            DefaultValueFactory = _ => "utf-8",
            Recursive = true,
        };
        encoding.AcceptOnlyFromAmong("utf-8", "windows-1252");
        root.Options.Add(encoding);
        root.Description = $"{root.Description}\n\n{ExitCodes}";

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine("error: " + Echo(error.Message, 300));
            }

            Console.Error.WriteLine($"error: see '{root.Name} {(parse.CommandResult.Command == root ? string.Empty : parse.CommandResult.Command.Name + " ")}--help' for the options.");
            return BadInput;
        }

        try
        {
            CliInput.Options = CsvInputOptions.Default with
            {
                Encoding = parse.GetValue(encoding) == "windows-1252" ? CsvTextEncoding.Windows1252 : CsvTextEncoding.Utf8,
            };
            CheckOutputs(parse);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsInputError(e))
        {
            return Fail(e);
        }
#pragma warning disable CA1031 // The last resort: any other error is a defect, said as such, with its exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"internal error: this is a defect of PeimsRules, not of your files; please report it with the command line. {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return Defect;
        }
    }

    /// <summary>The error stream itself, for the progress display (which writes terminal codes on purpose); messages go to <see cref="Console.Error"/>.</summary>
    public static TextWriter TerminalError { get; private set; } = Console.Error;

    /// <summary>A published figure with exactly three decimals, invariant culture.</summary>
    public static string Format(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Writes a day count as a JSON number with its half day, such as <c>27.5</c> (never as a string).</summary>
    public static void WriteDays(System.Text.Json.Utf8JsonWriter json, string name, DayCount days)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(days.ToString());
    }

    /// <summary>A JSON property name in camelCase, from a CSV column name such as <c>CampusId</c>.</summary>
    public static string JsonName(string column) => column.Length == 0 ? column : char.ToLowerInvariant(column[0]) + column[1..];

    /// <summary>
    /// A field of a CSV output: a possible spreadsheet formula neutralised (<see cref="CsvOutputText.Neutralize"/>; a
    /// number stays a number), then quoted when it needs it (RFC 4180).
    /// </summary>
    public static string CsvField(string value)
    {
        value = CsvOutputText.Neutralize(value);
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !value.StartsWith('\'') ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A value as a message echoes it: at most <paramref name="length"/> characters, control characters escaped.</summary>
    public static string Echo(string? value, int length = EchoedValueLength)
    {
        value ??= string.Empty;
        if (value.Length > length)
        {
            value = string.Concat(value.AsSpan(0, length - 3), string.Create(CultureInfo.InvariantCulture, $"... ({value.Length:N0} characters)"));
        }

        return TerminalSafeWriter.Escape(value);
    }

    /// <summary>Writes an error to stderr and returns <see cref="BadInput"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return BadInput;
    }

    /// <summary>Writes the error of a bad input to stderr, in words for district staff, and returns <see cref="BadInput"/>.</summary>
    public static int Fail(Exception e) => e switch
    {
        DailyAttendanceInputException daily => FailAll(daily.Problems),
        _ => Fail(Plain(e)),
    };

    private static int FailAll(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("error: " + problem);
        }

        return BadInput;
    }

    /// <summary>
    /// The message of an error, without the parameter names .NET appends to argument errors (<c>(Parameter 'x')</c>),
    /// which mean nothing to the reader of a message.
    /// </summary>
    public static string Plain(Exception e)
    {
        var message = e.Message;
        var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at >= 0 ? message[..at] : message;
    }

    /// <summary>
    /// Whether <paramref name="e"/> is bad input that the tool answers with its message and <see cref="BadInput"/>: a
    /// problem in a file (which names its line, column and value), daily files that contradict each other, a file that
    /// cannot be opened or written (missing, a folder, no permission, a full disk), or an output the tool refuses.
    /// </summary>
    public static bool IsInputError(Exception e) =>
        e is PeimsCsvException or DailyAttendanceInputException or CliUsageException or EdFi.EdFiDataException or EdFi.EdFiApiException or IOException or UnauthorizedAccessException;

    /// <summary>
    /// Writes a file whole or not at all: into a new temporary file beside it, then moved over it. A folder, a missing
    /// folder, no permission or a full disk is an <see cref="IOException"/> or <see cref="CliUsageException"/> with the path.
    /// </summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliUsageException($"{path} is a folder: give a file name to write.");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"the folder of {path} does not exist: create it first, or give another path.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CliUsageException($"{path} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes to <paramref name="output"/>; when it is the console's own writer (which flushes every write, a system call
    /// each), through a writer of its own over stdout with a large buffer, in the console's encoding. The same bytes.
    /// </summary>
    public static void WriteBuffered(TextWriter output, Action<TextWriter> write)
    {
        if (!ReferenceEquals(output, Console.Out))
        {
            write(output);
            return;
        }

        Console.Out.Flush();
        var encoding = Console.OutputEncoding is UTF8Encoding ? new UTF8Encoding(false) : Console.OutputEncoding;
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16, leaveOpen: true);
        write(stdout);
    }

    /// <summary>Writes a text file (UTF-8 without a byte order mark, <c>\n</c> line ends) whole or not at all.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        WriteFile(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    /// <summary>
    /// Writes a folder whole: into a fresh temporary folder beside it, then moved into its place, so that no file of an
    /// earlier run stays beside the new ones and no link planted in the old folder is followed. An existing folder is
    /// replaced only when it is empty or was written by this tool (it holds <see cref="FolderMarker"/>).
    /// </summary>
    /// <returns>What <paramref name="write"/> returns.</returns>
    public static T WriteFolder<T>(string path, Func<string, T> write)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            throw new CliUsageException($"{path} is a file, not a folder: give a folder to write, or move the file.");
        }

        var exists = Directory.Exists(full);
        if (exists)
        {
            var info = new DirectoryInfo(full);
            if (info.LinkTarget is not null)
            {
                throw new CliUsageException($"{path} is a link to another folder: give the folder itself.");
            }

            if (info.EnumerateFileSystemInfos().Any() && !File.Exists(Path.Combine(full, FolderMarker)))
            {
                throw new CliUsageException($"{path} already holds files this tool did not write: give a new folder, or empty this one. (It replaces a folder it wrote before, with nothing of the old one left.)");
            }
        }

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            var result = write(temporary);
            File.WriteAllText(Path.Combine(temporary, FolderMarker), "Written by PeimsRules; the next run replaces this folder whole.\n");
            if (exists)
            {
                var old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(full, old);
                Directory.Move(temporary, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temporary, full);
            }

            return result;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary file that cannot be removed is left; the error that matters is the one being reported.
        }
    }

    /// <summary>
    /// Refuses a command line whose output would overwrite one of its inputs (the same file, or a folder output that
    /// holds an input), or two outputs that are the same file.
    /// </summary>
    private static void CheckOutputs(ParseResult parse)
    {
        if (parse.Action is System.CommandLine.Help.HelpAction)
        {
            // --help reads no file and writes none (and a required option may be missing).
            return;
        }

        var inputs = new List<(string Option, string Path)>();
        var outputs = new List<(string Option, string Path, bool Folder)>();
        foreach (var option in parse.CommandResult.Command.Options)
        {
            var isOutput = OutputOptions.Contains(option.Name);
            if (option is Option<FileInfo> fileOption && parse.GetValue(fileOption) is { } file)
            {
                if (isOutput)
                {
                    outputs.Add((option.Name, Resolve(file.FullName), false));
                }
                else
                {
                    inputs.Add((option.Name, Resolve(file.FullName)));
                }
            }
            else if (option is Option<DirectoryInfo> folderOption && isOutput && parse.GetValue(folderOption) is { } folder)
            {
                outputs.Add((option.Name, Resolve(folder.FullName), true));
            }
        }

        foreach (var output in outputs)
        {
            foreach (var input in inputs)
            {
                if (string.Equals(output.Path, input.Path, StringComparison.Ordinal))
                {
                    throw new CliUsageException($"{output.Option} and {input.Option} name the same file ({Echo(input.Path, 200)}): writing it would destroy the input. Give another output path.");
                }

                if (output.Folder && input.Path.StartsWith(Path.TrimEndingDirectorySeparator(output.Path) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new CliUsageException($"the {output.Option} folder holds the {input.Option} file ({Echo(input.Path, 200)}): the folder is replaced whole when it is written. Give another folder, or move the input out of it.");
                }
            }

            foreach (var other in outputs.Where(o => o.Option != output.Option && string.Equals(o.Path, output.Path, StringComparison.Ordinal)))
            {
                throw new CliUsageException($"{output.Option} and {other.Option} name the same file ({Echo(output.Path, 200)}): give each output its own path.");
            }
        }
    }

    /// <summary>The full path, with a link (the file itself or a folder on the way) followed to what it names.</summary>
    private static string Resolve(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                return Path.GetFullPath(target.FullName);
            }

            var folder = Path.GetDirectoryName(full);
            if (folder is not null && Directory.Exists(folder))
            {
                var real = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder;
                return Path.Combine(real, Path.GetFileName(full));
            }

            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Path.GetFullPath(path);
        }
    }
}

/// <summary>A problem with the command line or an output path, said in words; the tool exits with <see cref="CliOutput.BadInput"/>.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliUsageException()
    {
    }
}

/// <summary>
/// The error stream as the terminal gets it: control characters from data (escape sequences, backspaces, bells) are
/// written as <c>\uXXXX</c>, so no file can act on the terminal through a message; line breaks and tabs stay.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public static string Escape(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    public override void Write(char value)
    {
        if (IsUnsafe(value))
        {
            inner.Write(Escape(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value) => inner.Write(value is null ? null : Escape(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape(value));

    public override void Flush() => inner.Flush();

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not ('\n' or '\t');
}
