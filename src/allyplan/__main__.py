from allyplan.cli import app

app(prog_name="allyplan")
