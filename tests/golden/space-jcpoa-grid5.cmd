space examples/jcpoa-2015.yaml --grid 5
