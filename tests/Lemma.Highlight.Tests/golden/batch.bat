@echo off
setlocal enabledelayedexpansion

rem Build the site and copy it to the share.
set "OUT=%~dp0public"
set TARGET=\\fileserver\www\blog

if not exist "%OUT%" mkdir "%OUT%"
lemma build --out "%OUT%"
if errorlevel 1 (
    echo Build failed. 1>&2
    exit /b 1
)

set /a COUNT=0
for /r "%OUT%" %%F in (*.html) do (
    set /a COUNT+=1
)
echo Built !COUNT! pages.

robocopy "%OUT%" "%TARGET%" /mir /njh /njs
if %ERRORLEVEL% geq 8 goto :fail
goto :eof

:fail
echo Copy failed with %ERRORLEVEL%.
exit /b %ERRORLEVEL%
