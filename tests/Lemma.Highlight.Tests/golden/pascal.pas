program Primes;

{$mode objfpc}{$H+}

uses
  SysUtils;

const
  Limit = 100;

var
  Sieve: array[2..Limit] of Boolean;
  I, J, Count: Integer;

function IsPalindrome(const S: string): Boolean;
var
  K: Integer;
begin
  Result := True;
  for K := 1 to Length(S) div 2 do
    if S[K] <> S[Length(S) - K + 1] then
      Exit(False);
end;

begin
  FillChar(Sieve, SizeOf(Sieve), True);
  Count := 0;
  for I := 2 to Limit do
    if Sieve[I] then
    begin
      Inc(Count);
      J := I * I;
      while J <= Limit do
      begin
        Sieve[J] := False;
        J := J + I;
      end;
      if IsPalindrome(IntToStr(I)) then
        WriteLn(Format('%d is a palindromic prime', [I]));
    end;
  WriteLn('Primes below ', Limit, ': ', Count); // 25
end.
