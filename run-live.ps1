<#
.SYNOPSIS
Runs the contract suite with its live checks on, against a provider (CometAPI by default) or, with -Simulate,
against the embedded live simulator.

.DESCRIPTION
Sets the live-mode environment the test suite reads (COMETAPI_LIVE, COMETAPI_SIMULATE, COMETAPI_PROVIDER,
COMETAPI_BASE_URL, COMETAPI_MODEL, COMETAPI_TIMEOUT_SECONDS, COMETAPI_LIVE_BUDGET, COMETAPI_LIVE_MAX_TOKENS,
COMETAPI_RUN_ID, COMETAPI_EVIDENCE_DIR), runs `dotnet test ContractTests.sln` with TRX and JUnit results under
artifacts/test-results/<RunId>/, says where the evidence bundle went and exits with dotnet test's exit code.
The caller's environment is restored afterwards, so an interactive session is not left in live mode.

The API key comes from $env:COMETAPI_API_KEY or $env:COMETAPI_KEY only: a key on a command line ends up in shell
history and process listings. Without -Simulate a missing key stops the run (exit 2) before anything is sent.
With -Simulate every key variable is withheld from the run: the simulator has its own fake keys, and a real key
has no business in a local request log.

Exit codes: dotnet test's own (0 green, 1 a failed test), or 2 when the run was refused before it started.

Run it with the repository's pinned PowerShell: `dotnet tool restore`, then `dotnet pwsh ./run-live.ps1 ...`
(plain `pwsh ./run-live.ps1 ...` where PowerShell 7.6 or later is installed).

.PARAMETER Provider
Which provider profile the suite checks: a folder name under contracts/providers/ (cometapi when that folder
does not exist). Passed on as COMETAPI_PROVIDER.

.PARAMETER BaseUrl
The provider's OpenAI-style base URL (COMETAPI_BASE_URL); the provider profile's URL when omitted.

.PARAMETER Model
The model the live checks call (COMETAPI_MODEL); the suite's default when omitted.

.PARAMETER Budget
The most live requests the run may send (COMETAPI_LIVE_BUDGET).

.PARAMETER MaxTokens
The output token cap of every live request (COMETAPI_LIVE_MAX_TOKENS).

.PARAMETER TimeoutSeconds
The per-call timeout of the live checks (COMETAPI_TIMEOUT_SECONDS).

.PARAMETER Simulate
Runs the live checks against the embedded live simulator instead of a provider: no key, no network.

.PARAMETER RunId
Names the evidence folder (artifacts/evidence/<RunId>) and the results folder; letters, digits, '.', '_', '-'.
Defaults to live-<UTC date>-<UTC time>.

.PARAMETER Filter
A dotnet test --filter expression, e.g. 'Checklist=PONG'.

.PARAMETER Configuration
The build configuration dotnet test builds and runs.

.EXAMPLE
$env:COMETAPI_API_KEY = '...'; dotnet pwsh ./run-live.ps1 -Model gpt-5.4-mini

Checks CometAPI with the key from the environment.

.EXAMPLE
dotnet pwsh ./run-live.ps1 -Simulate -Verbose

Runs the live checks against the embedded simulator and says what it sets and runs.

.EXAMPLE
dotnet pwsh ./run-live.ps1 -Simulate -Provider openai

Runs the live checks of the openai profile against its simulated personality.

.LINK
README.md, section "Live checks"
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
    [ValidateSet('Debug', 'Release')][string]$Configuration = 'Debug',
    [string]$Provider = 'cometapi'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Stop-Run {
    param([Parameter(Mandatory)][string]$Message)
    $Host.UI.WriteErrorLine("run-live: $Message")
    exit 2
}

function Get-KnownProvider {
    param([Parameter(Mandatory)][string]$Root)
    $providers = Join-Path $Root 'contracts' 'providers'
    if (-not (Test-Path -LiteralPath $providers -PathType Container)) { return @('cometapi') }
    @(Get-ChildItem -LiteralPath $providers -Directory | Select-Object -ExpandProperty Name | Sort-Object)
}

function Set-RunVariable {
    param([Parameter(Mandatory)][string]$Name, [AllowNull()][string]$Value)
    if ([string]::IsNullOrEmpty($Value)) {
        Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue
    }
    else {
        Set-Item -LiteralPath "Env:$Name" -Value $Value
    }
}

function Get-SafeUrl {
    # Scheme, host and path only: user info or a query string could carry a secret.
    param([string]$Url)
    $uri = $null
    if ([Uri]::TryCreate($Url, [UriKind]::Absolute, [ref]$uri)) { return $uri.Scheme + '://' + $uri.Authority + $uri.AbsolutePath }
    '(an invalid COMETAPI_BASE_URL)'
}

$root = $PSScriptRoot

# The run id names folders: keep it to one safe path segment.
if ($RunId -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]*$') {
    Stop-Run "-RunId '$RunId' must be letters, digits, '.', '_' or '-' (it names the evidence and results folders)."
}

$knownProviders = Get-KnownProvider -Root $root
if ($Provider -cnotin $knownProviders) {
    Stop-Run "-Provider '$Provider' is not a provider profile; known: $($knownProviders -join ', ') (folders of contracts/providers)."
}

$keyVariable = @('COMETAPI_API_KEY', 'COMETAPI_KEY') |
    Where-Object { -not [string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($_)) } |
    Select-Object -First 1
if (-not $Simulate -and -not $keyVariable) {
    Stop-Run ('No API key: set COMETAPI_API_KEY or COMETAPI_KEY in the environment (never on the command line), ' +
        'or pass -Simulate to run against the embedded live simulator. Nothing was sent.')
}
if (-not (Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
    Stop-Run 'dotnet not found on PATH: install the .NET SDK named in global.json.'
}

$evidenceRoot = $env:COMETAPI_EVIDENCE_DIR
if ([string]::IsNullOrWhiteSpace($evidenceRoot)) { $evidenceRoot = Join-Path 'artifacts' 'evidence' }
# Absolute, so the test host (whose working directory is its bin folder) writes where this script looks.
$evidenceRoot = [IO.Path]::GetFullPath($evidenceRoot, $root)
$resultsDir = Join-Path $root 'artifacts' 'test-results' $RunId

$runVariables = [ordered]@{
    COMETAPI_LIVE            = '1'
    COMETAPI_SIMULATE        = $(if ($Simulate) { '1' } else { $null })
    COMETAPI_PROVIDER        = $Provider
    COMETAPI_BASE_URL        = $(if ($BaseUrl) { $BaseUrl } else { $env:COMETAPI_BASE_URL })
    COMETAPI_MODEL           = $(if ($Model) { $Model } else { $env:COMETAPI_MODEL })
    COMETAPI_TIMEOUT_SECONDS = "$TimeoutSeconds"
    COMETAPI_LIVE_BUDGET     = "$Budget"
    COMETAPI_LIVE_MAX_TOKENS = "$MaxTokens"
    COMETAPI_RUN_ID          = $RunId
    COMETAPI_EVIDENCE_DIR    = $evidenceRoot
}
if ($Simulate) {
    foreach ($name in 'COMETAPI_API_KEY', 'COMETAPI_KEY', 'COMETAPI_REVOKED_KEY') { $runVariables[$name] = $null }
}

$dotnetArgs = @(
    'test', (Join-Path $root 'ContractTests.sln'),
    '--configuration', $Configuration,
    '--results-directory', $resultsDir,
    '--logger', 'trx;LogFileName=live.trx',
    '--logger', ('junit;LogFilePath=' + (Join-Path $resultsDir 'live.junit.xml'))
)
if ($Filter) { $dotnetArgs += @('--filter', $Filter) }

$target = if ($Simulate) { 'the embedded live simulator' }
    elseif ($runVariables.COMETAPI_BASE_URL) { Get-SafeUrl $runVariables.COMETAPI_BASE_URL }
    else { "the base URL of the $Provider profile" }
$modelNote = if ($runVariables.COMETAPI_MODEL) { $runVariables.COMETAPI_MODEL } else { '(not set)' }
$keyNote = if ($Simulate) { 'fake simulator keys' } else { "key from $keyVariable" }
Write-Host "run-live: run $RunId against $target ($Provider), model $modelNote, $keyNote"
Write-Host "run-live: budget $Budget requests, max $MaxTokens output tokens, timeout $TimeoutSeconds s"

# Set for this process and so for dotnet; the caller's values come back afterwards.
$saved = @{}
foreach ($name in $runVariables.Keys) {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    Set-RunVariable -Name $name -Value $runVariables[$name]
    # Names only: a value could be a key.
    Write-Verbose "run-live: $name $(if ($null -eq $runVariables[$name]) { 'removed' } else { 'set' })"
}
try {
    Write-Verbose "run-live: dotnet $($dotnetArgs -join ' ')"
    & dotnet @dotnetArgs
    $exitCode = $LASTEXITCODE
}
finally {
    foreach ($name in $saved.Keys) { Set-RunVariable -Name $name -Value $saved[$name] }
}

Write-Host "run-live: test results in $resultsDir"
$evidenceDir = Join-Path $evidenceRoot $RunId
foreach ($file in 'evidence.json', 'launch-ticket.md') {
    $path = Join-Path $evidenceDir $file
    if (Test-Path -LiteralPath $path -PathType Leaf) {
        Write-Host "run-live: evidence $path"
    }
    else {
        Write-Host "run-live: evidence MISSING $path (the run wrote no $file)"
    }
}
Write-Host "run-live: dotnet test exited with $exitCode"
exit $exitCode
