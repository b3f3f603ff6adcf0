# Development shell for the blog.
{ pkgs ? import <nixpkgs> { } }:

let
  python = pkgs.python3.withPackages (ps: with ps; [ numpy matplotlib jupyter ]);
  version = "0.4.1";
in
pkgs.mkShell {
  name = "blog-shell-${version}";
  buildInputs = [
    python
    pkgs.hugo
    pkgs.nodejs_20
  ];
  LANG = "en_US.UTF-8";
  shellHook = ''
    export PATH=$PWD/node_modules/.bin:$PATH
    echo "blog shell ready"
  '';
  meta = {
    description = "Tools to write and build the blog";
    broken = false;
  };
}
