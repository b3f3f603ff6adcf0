<#
.SYNOPSIS
    Publishes the site and uploads it to a storage account.
#>
param(
    [Parameter(Mandatory = $true)][string]$Account,
    [string]$Container = '$web',
    [switch]$WhatIf
)

$ErrorActionPreference = 'Stop'
$out = Join-Path $PSScriptRoot 'public'

if (Test-Path $out) { Remove-Item $out -Recurse -Force }
& lemma build --out $out
if ($LASTEXITCODE -ne 0) { throw "build failed with exit code $LASTEXITCODE" }

$files = Get-ChildItem $out -Recurse -File | Where-Object { $_.Length -gt 0 }
Write-Host "Uploading $($files.Count) files to $Account/$Container"
foreach ($file in $files) {
    $name = $file.FullName.Substring($out.Length + 1) -replace '\\', '/'
    if ($WhatIf) { Write-Verbose "would upload $name"; continue }
    Set-AzStorageBlobContent -File $file.FullName -Container $Container -Blob $name -Force | Out-Null
}
