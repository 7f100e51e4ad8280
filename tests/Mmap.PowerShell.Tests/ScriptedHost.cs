using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Mmap.PowerShell.Tests;

/// <summary>A host whose user answers prompts from a script: it records every question it is asked and answers
/// with the queued choice labels ("Yes", "No"); an unexpected question fails the command. With <c>hasUI: false</c>
/// it has no user interface at all, like a hosted runspace.</summary>
public sealed class ScriptedHost(bool hasUI = true) : PSHost
{
    private readonly ScriptedUI? _ui = hasUI ? new ScriptedUI() : null;

    /// <summary>The questions asked so far (caption: message).</summary>
    public IReadOnlyList<string> Questions => _ui?.Questions ?? [];

    /// <summary>Queues the answers to the next questions, by choice label without its '&amp;'.</summary>
    public void Answer(params string[] labels)
    {
        foreach (var label in labels) _ui!.Answers.Enqueue(label);
    }

    public override string Name => "ScriptedHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface? UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class ScriptedUI : PSHostUserInterface
    {
        public List<string> Questions { get; } = [];
        public Queue<string> Answers { get; } = new();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Questions.Add($"{caption}: {message}");
            if (Answers.Count == 0)
                throw new InvalidOperationException($"Unexpected question: {caption}: {message}");
            string answer = Answers.Dequeue();
            int index = choices.ToList().FindIndex(c => c.Label.Replace("&", "") == answer);
            return index >= 0 ? index : throw new InvalidOperationException($"No choice '{answer}' in: {string.Join(", ", choices.Select(c => c.Label))}");
        }

        public override PSHostRawUserInterface? RawUI => null;
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
    }
}
