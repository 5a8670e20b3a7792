amend examples/jcpoa-2015.yaml --proposal lausanne --grid 5 --limit 2
