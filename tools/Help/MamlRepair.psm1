# Repairs what PlatyPS 1.0.3's Export-MamlCommandHelp gets wrong for Get-Help readers, from the markdown model it
# exported (Import-MarkdownCommandHelp). Each function names the gap it closes.

Import-Module (Join-Path $PSScriptRoot 'MarkdownText.psm1')

$textWidth = 70

$namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

<#
.SYNOPSIS
    Applies every repair below to $Maml, the document Export-MamlCommandHelp wrote for $CommandHelp.
#>
function Repair-MamlHelp([xml] $Maml, [object[]] $CommandHelp) {
    $names = [System.Xml.XmlNamespaceManager]::new($Maml.NameTable)
    foreach ($prefix in $namespaces.Keys) { $names.AddNamespace($prefix, $namespaces[$prefix]) }
    foreach ($command in $Maml.SelectNodes('//command:command', $names)) {
        $name = $command.SelectSingleNode('command:details/command:name', $names).InnerText
        $help = $CommandHelp | Where-Object Title -EQ $name
        Repair-MamlExample -Command $command -Help $help -Names $names
        foreach ($parameter in $command.SelectNodes('command:parameters/command:parameter', $names)) {
            $page = $help.Parameters | Where-Object Name -EQ $parameter.SelectSingleNode('maml:name', $names).InnerText
            Repair-MamlDefaultValue -Parameter $parameter -Page $page -Names $names
            Repair-MamlRequired -Parameter $parameter -Page $page
        }
    }
    Repair-MamlLink -Maml $Maml -Names $names
    Repair-MamlParagraph -Maml $Maml -Names $names
}

# PlatyPS writes an example's whole markdown, fences and all, into its introduction and leaves dev:code empty, so
# Get-Help printed ```powershell lines around the code. Put the code in dev:code and the text in dev:remarks.
function Repair-MamlExample($Command, $Help, $Names) {
    $examples = $Command.SelectNodes('command:examples/command:example', $Names)
    for ($i = 0; $i -lt $examples.Count; $i++) {
        $blocks = @(Split-MarkdownBlock $Help.Examples[$i].Remarks)
        $example = $examples[$i]
        Write-MamlPara $example.SelectSingleNode('maml:introduction', $Names) @()
        $example.SelectSingleNode('dev:code', $Names).InnerText = ($blocks | Where-Object Kind -EQ Code).Text -join "`n`n"
        # The empty last paragraph is the blank line Get-Help otherwise leaves out before the next example's title.
        Write-MamlPara $example.SelectSingleNode('dev:remarks', $Names) (@(($blocks | Where-Object Kind -NE Code).Text) + '')
    }
}

# PlatyPS writes no dev:defaultValue, so Get-Help -Full printed a blank "Default value": write the page's, or None.
function Repair-MamlDefaultValue($Parameter, $Page, $Names) {
    $element = $Parameter.SelectSingleNode('dev:defaultValue', $Names)
    if (-not $element) {
        $element = $Parameter.OwnerDocument.CreateElement('dev', 'defaultValue', $namespaces.dev)
        $null = $Parameter.AppendChild($element)
    }
    $element.InnerText = if ($Page.DefaultValue) { $Page.DefaultValue } else { 'None' }
}

# PlatyPS marks a parameter required when any parameter set requires it, so New-MemoryMap -Size, required only with
# -Anonymous, read "Required? true". Get-Help has one line for all sets: say true only when every set requires it.
function Repair-MamlRequired($Parameter, $Page) {
    $required = @($Page.ParameterSets | Where-Object { -not $_.IsRequired }).Count -eq 0
    $Parameter.SetAttribute('required', $required.ToString().ToLowerInvariant())
}

# A page-relative link (Read-MemoryMap.md) means nothing in a console: Get-Help printed "Read-MemoryMap
# Read-MemoryMap.md", and PowerShell takes the first link's uri as the command's HelpUri, which then breaks
# Get-Help -Online and New-/Update-MarkdownCommandHelp. Keep the name, drop the uri; absolute links stay.
function Repair-MamlLink([xml] $Maml, $Names) {
    foreach ($uri in $Maml.SelectNodes('//maml:navigationLink/maml:uri', $Names)) {
        if ($uri.InnerText -and -not [uri]::IsWellFormedUriString($uri.InnerText, [UriKind]::Absolute)) { $uri.InnerText = '' }
    }
}

# PlatyPS keeps the page's line ends inside a paragraph and puts all of NOTES in one paragraph. Get-Help breaks
# lines at the console's width, even inside words, so both page lines and unbroken paragraphs read badly. One
# maml:para per markdown paragraph, wrapped at $textWidth: with Get-Help's indent of 4 or 8 it fits 80 columns.
function Repair-MamlParagraph([xml] $Maml, $Names) {
    foreach ($para in @($Maml.SelectNodes('//maml:para', $Names))) {
        if (-not $para.InnerText) { continue }
        foreach ($block in Split-MarkdownBlock $para.InnerText) {
            $new = $Maml.CreateElement('maml', 'para', $namespaces.maml)
            $new.InnerText = if ($block.Kind -eq 'Paragraph') { (Format-WrappedText $block.Text $textWidth) -join "`n" } else { $block.Text }
            $null = $para.ParentNode.InsertBefore($new, $para)
        }
        $null = $para.ParentNode.RemoveChild($para)
    }
}

# Writes one maml:para per text as the children of $Parent, replacing what was there.
function Write-MamlPara($Parent, [string[]] $Text) {
    foreach ($para in @($Parent.ChildNodes)) { $null = $Parent.RemoveChild($para) }
    foreach ($line in $Text) {
        $para = $Parent.OwnerDocument.CreateElement('maml', 'para', $namespaces.maml)
        $para.InnerText = $line
        $null = $Parent.AppendChild($para)
    }
}

Export-ModuleMember -Function Repair-MamlHelp
