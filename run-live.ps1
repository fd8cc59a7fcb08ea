<#
.SYNOPSIS
Runs the contract suite with its live checks on, against CometAPI or (-Simulate) the embedded live simulator.

.DESCRIPTION
Sets the live-mode environment the test suite reads (COMETAPI_LIVE, COMETAPI_SIMULATE, COMETAPI_BASE_URL,
COMETAPI_MODEL, COMETAPI_TIMEOUT_SECONDS, COMETAPI_LIVE_BUDGET, COMETAPI_LIVE_MAX_TOKENS, COMETAPI_RUN_ID,
COMETAPI_EVIDENCE_DIR), runs `dotnet test ContractTests.sln` with TRX and JUnit results under
artifacts/test-results/<RunId>/, says where the evidence bundle went and exits with dotnet test's exit code.

The API key comes from $env:COMETAPI_API_KEY or $env:COMETAPI_KEY only: a key on a command line ends up in shell
history and process listings. Without -Simulate a missing key stops the run (exit 2) before anything is sent.
With -Simulate both key variables are withheld from the run: the simulator has its own fake keys, and a real key
has no business in a local request log.

Uses only the PowerShell language, .NET calls and native commands (no utility cmdlets such as Write-Host or
Test-Path): the test suite runs this script in a hosted PowerShell that has none of them.

.EXAMPLE
$env:COMETAPI_API_KEY = '...'; ./run-live.ps1 -Model gpt-5.4-mini

.EXAMPLE
./run-live.ps1 -Simulate
#>
[CmdletBinding()]
param(
    [string]$BaseUrl,
    [string]$Model,
    [ValidateRange(1, 1000)][int]$Budget = 16,
    [ValidateRange(1, 4096)][int]$MaxTokens = 16,
    [ValidateRange(1, 600)][int]$TimeoutSeconds = 30,
    [switch]$Simulate,
    [string]$RunId = ('live-' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture)),
    [string]$Filter,
    [ValidateSet('Debug', 'Release')][string]$Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$invariant = [Globalization.CultureInfo]::InvariantCulture

function Stop-Run([string]$Message) {
    [Console]::Error.WriteLine("run-live: $Message")
    exit 2
}

function Set-ProcessVariable([string]$Name, $Value) {
    # PowerShell passes $null to a string argument as '', which leaves an empty variable in a child's environment
    # instead of removing it; NullString is a real null.
    if ($null -eq $Value) { $Value = [NullString]::Value }
    [Environment]::SetEnvironmentVariable($Name, $Value)
}

# The run id names folders: keep it to one safe path segment.
if ($RunId -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]*$') {
    Stop-Run "-RunId '$RunId' must be letters, digits, '.', '_' or '-' (it names the evidence and results folders)."
}

$keyVariable = $null
foreach ($name in @('COMETAPI_API_KEY', 'COMETAPI_KEY')) {
    if (-not $keyVariable -and -not [string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($name))) { $keyVariable = $name }
}
if (-not $Simulate -and -not $keyVariable) {
    Stop-Run ('No API key: set COMETAPI_API_KEY or COMETAPI_KEY in the environment (never on the command line), ' +
        'or pass -Simulate to run against the embedded live simulator. Nothing was sent.')
}
if (-not $ExecutionContext.InvokeCommand.GetCommand('dotnet', 'Application')) {
    Stop-Run 'dotnet not found on PATH: install the .NET SDK named in global.json.'
}

$root = $PSScriptRoot
$evidenceRoot = [Environment]::GetEnvironmentVariable('COMETAPI_EVIDENCE_DIR')
if ([string]::IsNullOrWhiteSpace($evidenceRoot)) { $evidenceRoot = [IO.Path]::Combine('artifacts', 'evidence') }
# Absolute, so the test host (whose working directory is its bin folder) writes where this script looks.
$evidenceRoot = [IO.Path]::GetFullPath($evidenceRoot, $root)
$resultsDir = [IO.Path]::Combine($root, 'artifacts', 'test-results', $RunId)

$runVariables = [ordered]@{
    COMETAPI_LIVE             = '1'
    COMETAPI_SIMULATE         = $(if ($Simulate) { '1' } else { $null })
    COMETAPI_BASE_URL         = $(if ($BaseUrl) { $BaseUrl } else { [Environment]::GetEnvironmentVariable('COMETAPI_BASE_URL') })
    COMETAPI_MODEL            = $(if ($Model) { $Model } else { [Environment]::GetEnvironmentVariable('COMETAPI_MODEL') })
    COMETAPI_TIMEOUT_SECONDS  = $TimeoutSeconds.ToString($invariant)
    COMETAPI_LIVE_BUDGET      = $Budget.ToString($invariant)
    COMETAPI_LIVE_MAX_TOKENS  = $MaxTokens.ToString($invariant)
    COMETAPI_RUN_ID           = $RunId
    COMETAPI_EVIDENCE_DIR     = $evidenceRoot
}
if ($Simulate) {
    foreach ($name in @('COMETAPI_API_KEY', 'COMETAPI_KEY', 'COMETAPI_REVOKED_KEY')) { $runVariables[$name] = $null }
}

$dotnetArgs = @(
    'test', [IO.Path]::Combine($root, 'ContractTests.sln'),
    '--configuration', $Configuration,
    '--results-directory', $resultsDir,
    '--logger', 'trx;LogFileName=live.trx',
    '--logger', ('junit;LogFilePath=' + [IO.Path]::Combine($resultsDir, 'live.junit.xml'))
)
if ($Filter) { $dotnetArgs += @('--filter', $Filter) }

$target = 'the base URL of the provider profile'
if ($Simulate) { $target = 'the embedded live simulator' }
elseif ($runVariables['COMETAPI_BASE_URL']) {
    # Scheme, host and path only: user info or a query string could carry a secret.
    $uri = $null
    $target = $(if ([Uri]::TryCreate($runVariables['COMETAPI_BASE_URL'], [UriKind]::Absolute, [ref]$uri)) { $uri.Scheme + '://' + $uri.Authority + $uri.AbsolutePath } else { '(an invalid COMETAPI_BASE_URL)' })
}
$model = $(if ($runVariables['COMETAPI_MODEL']) { $runVariables['COMETAPI_MODEL'] } else { '(not set)' })
$keyNote = $(if ($Simulate) { 'fake simulator keys' } else { "key from $keyVariable" })
[Console]::WriteLine("run-live: run $RunId against $target, model $model, $keyNote")
[Console]::WriteLine("run-live: budget $Budget requests, max $MaxTokens output tokens, timeout $TimeoutSeconds s")

# The variables are set for this process and so for dotnet; the caller's values come back afterwards, so an
# interactive session is not left in live mode.
$saved = @{}
foreach ($name in $runVariables.Keys) {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    Set-ProcessVariable $name $runVariables[$name]
}
try {
    & dotnet @dotnetArgs
    $exitCode = $LASTEXITCODE
}
finally {
    foreach ($name in $saved.Keys) { Set-ProcessVariable $name $saved[$name] }
}

[Console]::WriteLine("run-live: test results in $resultsDir")
$evidenceDir = [IO.Path]::Combine($evidenceRoot, $RunId)
foreach ($file in @('evidence.json', 'launch-ticket.md')) {
    $path = [IO.Path]::Combine($evidenceDir, $file)
    if ([IO.File]::Exists($path)) {
        [Console]::WriteLine("run-live: evidence $path")
    }
    else {
        [Console]::WriteLine("run-live: evidence MISSING $path (the run wrote no $file)")
    }
}
[Console]::WriteLine("run-live: dotnet test exited with $exitCode")
exit $exitCode
